/** Counters of an Intend client and every client derived from it with `withOptions()`. */
export interface IntendClientStats {
  /** HTTP requests sent, every retry and resend included. */
  readonly requests: number;
  /** Requests ky retried (network errors, timeouts, 408, 429, 5xx, broken bodies). */
  readonly retries: number;
  /** Calls that threw, those cancelled by their signal aside (a listing's pages fetched past the end). */
  readonly failures: number;
  /** 401s whose `Date` showed the signer's clock off by more than `clockTolerance`: the clock was corrected and the call sent once more. */
  readonly clockCorrections: number;
}

type Counts = { -readonly [Name in keyof IntendClientStats]: number };

/**
@internal An Intend client's counters. This module owns them: the request path reports what
happened through a method, and `snapshot()` is the only way out.
*/
export class IntendClientCounters {
  readonly #counts: Counts = { requests: 0, retries: 0, failures: 0, clockCorrections: 0 };

  request(): void {
    this.#counts.requests += 1;
  }

  retry(): void {
    this.#counts.retries += 1;
  }

  failure(): void {
    this.#counts.failures += 1;
  }

  clockCorrection(): void {
    this.#counts.clockCorrections += 1;
  }

  snapshot(): IntendClientStats {
    return Object.freeze({ ...this.#counts });
  }
}
