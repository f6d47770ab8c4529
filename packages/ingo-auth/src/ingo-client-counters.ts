import { Counters } from '@bridgekit/http';
import type { IngoClientStats } from './ingo-client-options.js';

/** @internal An Ingo client's counters, shared with its derived clients. */
export type IngoClientCounters = Counters<keyof IngoClientStats>;

/** @internal New counters, all zero, in the order `stats` lists them. */
export function createIngoClientCounters(): IngoClientCounters {
  return new Counters(['calls', 'failures', 'requests', 'retries', 'authenticationRetries']);
}
