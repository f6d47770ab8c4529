import { isBridgekitError, requestIdOf } from '@bridgekit/errors';
import { attemptReporter, type CallDescription } from './attempt-report.js';
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
  described?: CallDescription,
): AttemptCounter {
  let count = 0;
  let waitedMs = 0;
  let endedAt = 0;
  const report = attemptReporter(described);
  return {
    fetch: async (input, init) => {
      const startedAt = performance.now();
      const retryDelayMs = count > 0 ? startedAt - endedAt : 0;
      waitedMs += retryDelayMs;
      count += 1;
      const attempt = count;
      if (attempt > 1) report?.retrying(attempt, Math.round(retryDelayMs));
      onAttempt?.();
      let response: Response | undefined;
      let errorCode: string | undefined;
      try {
        response = await fetch(input, init);
        onResponse?.(response);
        return response;
      } catch (error) {
        errorCode = isBridgekitError(error) ? error.code : error instanceof Error ? error.name : 'error';
        throw error;
      } finally {
        endedAt = performance.now();
        if (report?.listening)
          report.ended({
            attempt,
            status: response?.status,
            durationMs: Math.round(endedAt - startedAt),
            retryDelayMs: Math.round(retryDelayMs),
            requestId: response && requestIdOf(response.headers),
            errorCode,
          });
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
