import { isBridgekitError, redactUrl, requestIdOf } from '@bridgekit/errors';
import type { CallResult } from './call-promise.js';
import type { CallOutcome } from './client-call.js';
import type { Fetch } from './fetch.js';
import type { Log } from './log.js';

/** What a call is, for its `debug` lines: one per attempt and one per retry. */
export interface AttemptLog {
  readonly log: Log;
  /** The client, e.g. `'intend'`. */
  readonly client: string;
  readonly method: string;
  /** The request URL; it is logged redacted. */
  readonly url: string;
}

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
  described?: AttemptLog,
): AttemptCounter {
  let count = 0;
  let waitedMs = 0;
  let endedAt = 0;
  // Fields are built only when someone reads them.
  const line = described?.log.enabled('debug')
    ? (message: string, fields: Record<string, unknown>) =>
        described.log.write('debug', message, {
          client: described.client,
          method: described.method,
          url: redactUrl(described.url),
          ...fields,
        })
    : undefined;
  let outcome: unknown;
  return {
    fetch: async (input, init) => {
      const startedAt = performance.now();
      if (count > 0) {
        waitedMs += startedAt - endedAt;
        line?.('retry', { attempt: count + 1, delayMs: Math.round(startedAt - endedAt), after: outcome });
      }
      count += 1;
      onAttempt?.();
      try {
        const response = await fetch(input, init);
        outcome = response.status;
        line?.('attempt', {
          attempt: count,
          status: response.status,
          durationMs: Math.round(performance.now() - startedAt),
          requestId: requestIdOf(response.headers),
        });
        onResponse?.(response);
        return response;
      } catch (error) {
        outcome = isBridgekitError(error) ? error.code : error instanceof Error ? error.name : 'error';
        line?.('attempt', {
          attempt: count,
          error: outcome,
          durationMs: Math.round(performance.now() - startedAt),
        });
        throw error;
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
