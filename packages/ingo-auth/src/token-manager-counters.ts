import { Counters } from '@bridgekit/http';
import type { TokenManagerStats } from './token-manager-options.js';

type Counted = Exclude<keyof TokenManagerStats, 'calls' | 'cacheHits'>;

/**
@internal The token manager's counters, and their only writer: every other part reports what
happened through a method, and `snapshot()` is the only way out.
*/
export class TokenManagerCounters extends Counters<Counted> {
  /** Calls that waited or were refused; hits apart, so that a hit costs one increment. */
  #calls = 0;
  #hits = 0;

  constructor() {
    super([
      'waits',
      'waitsOnRefresh',
      'tokenRequests',
      'retries',
      'tokensFetched',
      'backgroundRefreshes',
      'storeHits',
      'failures',
      'invalidations',
    ]);
  }

  /** A `getToken()` call the cache answered. */
  hit(): void {
    this.#hits += 1;
  }

  /** A `getToken()` call that waited for a token; `onRefresh` when one was obtained before. */
  wait(onRefresh: boolean): void {
    this.#calls += 1;
    this.add('waits');
    if (onRefresh) this.add('waitsOnRefresh');
  }

  /** A `getToken()` call refused before it started (bad options, an aborted signal, a closed manager). */
  refusedCall(): void {
    this.#calls += 1;
  }

  override snapshot(): TokenManagerStats {
    return Object.freeze({ calls: this.#calls + this.#hits, cacheHits: this.#hits, ...super.snapshot() });
  }
}
