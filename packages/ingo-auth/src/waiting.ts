/**
@internal The store time one token flight may spend in all (one `storeTimeout`), so that a store
that hangs delays a caller by one `storeTimeout` however many calls the flight makes. After a call
failed or timed out, the flight spends nothing more: it fetches without the store. The wait for
another holder is bounded by the lock's ttl instead: its polls cost the budget only when they fail.
*/
export class StoreBudget {
  readonly #total: number;
  #spent = 0;
  /** When the flight began (`performance.now()`): how long a token read from the store took. */
  readonly startedAt: number = performance.now();
  #failed = false;
  #polling = false;

  constructor(milliseconds: number) {
    this.#total = milliseconds;
  }

  /** Milliseconds the flight's store calls took so far. */
  get spent(): number {
    return this.#spent;
  }

  /** Milliseconds the next call may take; 0 once spent or after a failure. */
  get left(): number {
    return this.#failed ? 0 : Math.max(0, this.#total - this.#spent);
  }

  /** Whether a call failed or timed out. */
  get failed(): boolean {
    return this.#failed;
  }

  /**
  Counts a call's time; a call that failed ends the budget. While polling another holder, calls
  that succeed are free: a long wait makes many quick calls, and only a store that fails or hangs
  should end it.
  */
  spend(milliseconds: number, succeeded: boolean): void {
    if (!this.#polling || !succeeded) this.#spent += milliseconds;
    if (!succeeded) this.#failed = true;
  }

  startPolling(): void {
    this.#polling = true;
  }
}
