import { AbortError } from '@bridgekit/errors';

/**
Resolves after `milliseconds` (at once for zero or less); rejects with the signal's reason as soon
as `signal` fires, its timer cleared so that nothing keeps the process alive.
*/
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The `AbortError` for a caller whose signal fired. */
export function callerAborted(signal: AbortSignal, what: string): AbortError {
  return new AbortError(`${what} was aborted by the caller`, { cause: signal.reason });
}

/**
Waits for `promise` unless `signal` fires first; then only this caller's promise
rejects with `AbortError`, while `promise` goes on for everyone else who waits on it.
*/
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(callerAborted(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(callerAborted(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** How a promise raced against a deadline ended. */
export type Settled<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly error: unknown }
  | { readonly status: 'timed-out' };

/**
Waits for `promise` for `milliseconds` at most, and never rejects: a store that hangs
(a Redis client queueing commands while disconnected) or fails must not hold callers up. When the
deadline passes, the answer still gets one turn of the event loop: after a stall (a busy machine),
timers run before the socket reads, and a reply that arrived meanwhile is not a timeout.
*/
export function settleWithin<T>(promise: Promise<T>, milliseconds: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    let timer = setTimeout(() => {
      timer = setTimeout(() => resolve({ status: 'timed-out' }), 0);
    }, milliseconds);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ status: 'fulfilled', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ status: 'rejected', error });
      },
    );
  });
}
