import type { IngoClientStats } from './ingo-client-options.js';

type Counts = { -readonly [Name in keyof IngoClientStats]: number };

/**
@internal An Ingo client's counters. This module owns them: the parts of the client report what
happened through a method, and `snapshot()` is the only way out.
*/
export class IngoClientCounters {
  readonly #counts: Counts = { calls: 0, failures: 0, requests: 0, retries: 0, authenticationRetries: 0 };

  call(): void {
    this.#counts.calls += 1;
  }

  failure(): void {
    this.#counts.failures += 1;
  }

  request(): void {
    this.#counts.requests += 1;
  }

  retry(): void {
    this.#counts.retries += 1;
  }

  authenticationRetry(): void {
    this.#counts.authenticationRetries += 1;
  }

  snapshot(): IngoClientStats {
    return Object.freeze({ ...this.#counts });
  }
}
