import * as defaultEntry from '../index.js';
import * as nodeEntry from '../index.node.js';

/** The public API, as the default entry types it. */
export type Api = typeof defaultEntry;

// Typed as the default entry's API, so the node entry must match it or the typecheck fails.
/** Both entries: every behavioural test runs against each. */
export const entries: readonly { readonly name: string; readonly api: Api }[] = [
  { name: 'default entry (Web Crypto)', api: defaultEntry },
  { name: 'node entry (node:crypto)', api: nodeEntry },
];

/** A fixed clock: no test depends on the wall clock. */
export const fixedNow = 1_732_370_000_000;
export const apiKey = 'a0761d825272c0a394e80f6cfc48bf9a';
/** Distinctive, so that a leak anywhere is easy to find. */
export const secretKey = 'S3CR3T-do-not-leak-7f1e9a';
