import { Counters } from '@bridgekit/http';

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

/** @internal An Intend client's counters, shared with its derived clients. */
export type IntendClientCounters = Counters<keyof IntendClientStats>;

/** @internal New counters, all zero, in the order `stats` lists them. */
export function createIntendClientCounters(): IntendClientCounters {
  return new Counters(['requests', 'retries', 'failures', 'clockCorrections']);
}
