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
