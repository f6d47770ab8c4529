import { AbortError } from '@bridgekit/errors';

/** @internal Resolves after `milliseconds` (at once for zero or less). */
export function sleep(milliseconds: number): Promise<void> {
  return milliseconds <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** @internal The `AbortError` for a caller whose signal fired. */
export function callerAborted(signal: AbortSignal, what: string): AbortError {
  return new AbortError(`${what} was aborted by the caller`, { cause: signal.reason });
}

/**
@internal Waits for `promise` unless `signal` fires first; then only this caller's promise
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

/** @internal How a promise raced against a deadline ended. */
export type Settled<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly error: unknown }
  | { readonly status: 'timed-out' };

/**
@internal Waits for `promise` for `milliseconds` at most, and never rejects: a store that hangs
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

/**
@internal The store time one token flight may spend in all (one `storeTimeout`), so that a store
that hangs delays a caller by one `storeTimeout` however many calls the flight makes. After a call
failed or timed out, the flight spends nothing more: it fetches without the store. The wait for
another holder is bounded by the lock's ttl instead: its polls cost the budget only when they fail.
*/
export class StoreBudget {
  readonly #total: number;
  #left: number;
  #failed = false;
  #polling = false;

  constructor(milliseconds: number) {
    this.#total = milliseconds;
    this.#left = milliseconds;
  }

  /** Milliseconds the flight's store calls took so far. */
  get spent(): number {
    return this.#total - this.#left;
  }

  /** Milliseconds the next call may take; 0 once spent or after a failure. */
  get left(): number {
    return this.#failed ? 0 : Math.max(0, this.#left);
  }

  get failed(): boolean {
    return this.#failed;
  }

  /**
  Counts a call's time. While polling another holder, calls that succeed are free: a long wait
  makes many quick calls, and only a store that fails or hangs should end it.
  */
  spend(milliseconds: number, succeeded: boolean): void {
    if (this.#polling && succeeded) return;
    this.#left -= milliseconds;
  }

  startPolling(): void {
    this.#polling = true;
  }

  fail(): void {
    this.#failed = true;
  }
}
