import { TimeoutError } from 'ky';
import type { Fetch } from './fetch.js';

/**
What a first attempt came to: the checked value of a success, or an answer that is not one (an
HTTP failure, or a failure the body itself reported), for ky to judge.
*/
export type AttemptOutcome<T> = { readonly value: T } | { readonly response: Response };

/** A call's first attempt, and the ky call that takes over when it is not a success. */
export interface FirstAttempt<T> {
  /**
  Sends the attempt on `signal` (aborted at `timeout` or by the caller's signal) and checks its
  answer. It throws what ky's `fetch` would throw: a network error, or a failure of the check.
  */
  readonly send: (signal: AbortSignal) => Promise<AttemptOutcome<T>>;
  /** The attempt's timeout in milliseconds: the client's `timeout`, which ky applies per attempt. */
  readonly timeout: number;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** The `fetch` ky sends its retries with: the one its instance was created with. */
  readonly fetch: Fetch;
  /**
  Makes the same call through ky, with `fetch` as that call's `fetch`; resolves as the call
  would. ky's first attempt gets this attempt's outcome instead of a new request.
  */
  readonly handOver: (fetch: Fetch) => Promise<T>;
}

type Failure = { readonly response: Response } | { readonly error: unknown } | { readonly timedOut: true };

/**
A `fetch` whose first call answers with `failure` without sending anything, and whose later calls
are `fetch`'s: ky judges the attempt it did not send as if it had sent it.
*/
function replaying(failure: Failure, fetch: Fetch): Fetch {
  let replayed = false;
  return async (input, init) => {
    if (replayed) return fetch(input, init);
    replayed = true;
    if ('response' in failure) return failure.response;
    if ('error' in failure) throw failure.error;
    // The error ky's own timeout raises, so that `retryOnTimeout` and the error mapping apply.
    throw new TimeoutError(input instanceof Request ? input : new Request(input, init));
  };
}

/**
Sends a call's first attempt straight on `fetch`, and hands anything but a success to ky.

A success, the common case, then costs one `fetch`: no `Request` built, cloned for retries and
copied again by `fetch`, which is most of what ky's pipeline costs per call. Every other outcome
(an HTTP failure, a network error, a timeout, an abort, a body that fails its check) becomes the
answer to ky's own first attempt: ky applies its retry policy, `Retry-After`, backoff, hooks and
errors to it exactly as if it had sent that attempt, and sends every retry itself. Retries stay
ky's; only the first request of a call skips ky's request building. A client whose user gave
hooks must not call this: those hooks have to see every request.

@example
```
const data = await sendFirstAttempt({
	send: async (signal) => checked(await fetch(url, {headers, signal})),
	timeout: 30_000,
	signal: options.signal,
	fetch: checkingFetch,
	handOver: async (fetch) => dataOf(await api.get(url, {fetch})),
});
```
*/
export async function sendFirstAttempt<T>(attempt: FirstAttempt<T>): Promise<T> {
  const controller = new AbortController();
  const caller = attempt.signal;
  // Settles the attempt at once on a timeout or an abort, even when `send` ignores its signal, as
  // ky's own timeout does.
  let interrupt: ((failure: Failure) => void) | undefined;
  const forwardAbort = () => {
    const reason: unknown = caller?.reason ?? new DOMException('The call was aborted', 'AbortError');
    controller.abort(reason);
    interrupt?.({ error: reason });
  };
  if (caller?.aborted) forwardAbort();
  else caller?.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The first attempt timed out', 'TimeoutError'));
    interrupt?.({ timedOut: true });
  }, attempt.timeout);
  try {
    const outcome: AttemptOutcome<T> | Failure = controller.signal.aborted
      ? { error: controller.signal.reason }
      : await new Promise((resolve) => {
          interrupt = resolve;
          attempt.send(controller.signal).then(resolve, (error: unknown) => resolve({ error }));
        });
    // ky times its own reading of a failure's body; the caller's abort still reaches it.
    clearTimeout(timer);
    if ('value' in outcome) return outcome.value;
    return await attempt.handOver(replaying(outcome, attempt.fetch));
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', forwardAbort);
  }
}
