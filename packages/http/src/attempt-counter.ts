import { requestIdOf } from '@bridgekit/errors';
import type { CallResult } from './call-promise.js';
import type { CallOutcome } from './client-call.js';
import type { Fetch } from './fetch.js';

/** A call's fetch that counts its attempts, and what it makes of the call's outcome. */
export interface AttemptCounter {
  /** `fetch`, counting each attempt and the time between the end of one and the start of the next. */
  readonly fetch: Fetch;
  /** The call's result: its value and response, its request id, attempts and time waited between them. */
  readonly result: <T>(outcome: CallOutcome<T>) => CallResult<T>;
}

/**
Wraps a client's fetch for one call, as ky's per-call `fetch`: it counts the attempts (the first
included) and the milliseconds ky waited between them (backoff, `Retry-After`), for
`.withResponse()`. `onAttempt` is told as each attempt starts (one that times out included);
`onResponse` sees every attempt's answer before ky does.

@example
```
const counter = countAttempts(checkedFetch);
const outcome = await sendCall({instance, url, options: {fetch: counter.fetch}, answers});
return counter.result(outcome); // {data, response, requestId, attempts, retryDelayMs}
```
*/
export function countAttempts(
  fetch: Fetch,
  onResponse?: (response: Response) => void,
  onAttempt?: () => void,
): AttemptCounter {
  let count = 0;
  let waitedMs = 0;
  let endedAt = 0;
  return {
    fetch: async (input, init) => {
      const startedAt = performance.now();
      if (count > 0) waitedMs += startedAt - endedAt;
      count += 1;
      onAttempt?.();
      try {
        const response = await fetch(input, init);
        onResponse?.(response);
        return response;
      } finally {
        endedAt = performance.now();
      }
    },
    result: ({ value, response }) => ({
      data: value,
      response,
      requestId: requestIdOf(response.headers),
      attempts: count,
      retryDelayMs: Math.round(waitedMs),
    }),
  };
}
