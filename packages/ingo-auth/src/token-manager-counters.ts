import type { TokenManagerStats } from './token-manager-options.js';

type Counts = { -readonly [Name in keyof TokenManagerStats]: number };

/**
@internal The token manager's counters. This module owns them: every other part reports what
happened through a method, and `snapshot()` is the only way out.
*/
export class TokenManagerCounters {
  readonly #counts: Counts = {
    calls: 0,
    // Counted in #hits; kept here so that the snapshot's keys keep their order.
    cacheHits: 0,
    waits: 0,
    waitsOnRefresh: 0,
    tokenRequests: 0,
    retries: 0,
    tokensFetched: 0,
    backgroundRefreshes: 0,
    storeHits: 0,
    failures: 0,
    invalidations: 0,
  };

  /** Cache hits, apart from `#counts` so that a hit costs one increment; `snapshot()` adds them in. */
  #hits = 0;

  /** A `getToken()` call the cache answered. */
  hit(): void {
    this.#hits += 1;
  }

  /** A `getToken()` call that waited for a token; `onRefresh` when one was obtained before. */
  wait(onRefresh: boolean): void {
    this.#counts.calls += 1;
    this.#counts.waits += 1;
    if (onRefresh) this.#counts.waitsOnRefresh += 1;
  }

  /** A `getToken()` call refused before it started (bad options, an aborted signal). */
  refusedCall(): void {
    this.#counts.calls += 1;
  }

  tokenRequest(): void {
    this.#counts.tokenRequests += 1;
  }

  retry(): void {
    this.#counts.retries += 1;
  }

  tokenFetched(): void {
    this.#counts.tokensFetched += 1;
  }

  backgroundRefresh(): void {
    this.#counts.backgroundRefreshes += 1;
  }

  storeHit(): void {
    this.#counts.storeHits += 1;
  }

  failure(): void {
    this.#counts.failures += 1;
  }

  invalidation(): void {
    this.#counts.invalidations += 1;
  }

  snapshot(): TokenManagerStats {
    const counts = this.#counts;
    return Object.freeze({ ...counts, calls: counts.calls + this.#hits, cacheHits: this.#hits });
  }
}
