import { requestIdOf } from '@bridgekit/errors';
import { attemptsHeard, type CallDescription, reportAttempt, reportRetry } from './attempt-report.js';
import type { CallResult } from './call-promise.js';
import { errorCodeOf, traceCall } from './call-trace.js';
import type { CallOutcome } from './client-call.js';
import type { Fetch } from './fetch.js';
import { fetched } from './fetched.js';

/** What a call's attempts are counted for: the client's own bookkeeping, its log and its channels. */
export interface AttemptCounting {
  /** Sees every attempt's answer before ky does. */
  readonly onResponse?: ((response: Response) => void) | undefined;
  /** Told as each attempt starts (one that times out included). */
  readonly onAttempt?: () => void;
  /** What the call is: its attempts are logged and published, and `trace()` runs in its channel. */
  readonly call?: CallDescription;
}

/** A call's fetch that counts its attempts, and what it makes of the call's outcome. */
export interface AttemptCounter {
  /** `fetch`, counting each attempt and the time between the end of one and the start of the next. */
  readonly fetch: Fetch;
  /** The call's result: its value and response, its request id, attempts and time waited between them. */
  readonly result: <T>(outcome: CallOutcome<T>) => CallResult<T>;
  /**
  Runs the whole call (every attempt, every resend) inside the call's tracing channel when someone
  subscribes, its context settled with the last status, the attempts, the request id and the
  failure's code.
  */
  readonly trace: <T>(run: () => Promise<T>) => Promise<T>;
}

/**
Wraps a client's fetch for one call, as ky's per-call `fetch`: it counts the attempts (the first
included) and the milliseconds ky waited between them (backoff, `Retry-After`), for
`.withResponse()`, and reports each attempt to the call's log and to `bridgekit:attempt`.

@example
```
const counter = countAttempts(checkedFetch, {call: {client: 'acme', method: 'GET', url}});
return counter.trace(async () => {
  const outcome = await sendCall({instance, url, options: {fetch: counter.fetch}, answers});
  return counter.result(outcome); // {data, response, requestId, attempts, retryDelayMs}
});
```
*/
export function countAttempts(fetch: Fetch, counting: AttemptCounting = {}): AttemptCounter {
  const { onResponse, onAttempt, call } = counting;
  let count = 0;
  let waitedMs = 0;
  let endedAt = 0;
  let last: Response | undefined;
  return {
    // `then` callbacks rather than an async function: each attempt waits here for its answer, and
    // a suspended async function keeps more alive per call in flight.
    fetch: (input, init) => {
      const startedAt = performance.now();
      const retryDelayMs = count > 0 ? startedAt - endedAt : 0;
      waitedMs += retryDelayMs;
      count += 1;
      const attempt = count;
      if (attempt > 1 && attemptsHeard(call)) reportRetry(call, attempt, Math.round(retryDelayMs));
      onAttempt?.();
      const ended = (response: Response | undefined, errorCode?: string): void => {
        endedAt = performance.now();
        // The call's status is its last attempt's: none when that one got no answer (a timeout).
        last = response;
        if (attemptsHeard(call))
          reportAttempt(call, {
            attempt,
            status: response?.status,
            durationMs: Math.round(endedAt - startedAt),
            retryDelayMs: Math.round(retryDelayMs),
            requestId: response && requestIdOf(response.headers),
            errorCode,
          });
      };
      return fetched(fetch, input, init).then(
        (response) => {
          ended(response);
          onResponse?.(response);
          return response;
        },
        (error: unknown) => {
          ended(undefined, errorCodeOf(error));
          throw error;
        },
      );
    },
    result: ({ value, response }) => ({
      data: value,
      response,
      requestId: requestIdOf(response.headers),
      attempts: count,
      retryDelayMs: Math.round(waitedMs),
    }),
    trace: (run) =>
      traceCall(
        call,
        () => ({ status: last?.status, attempts: count, requestId: last && requestIdOf(last.headers) }),
        run,
      ),
  };
}
