// The `node` entry (Node, and Deno and Bun, which also match the condition): the default entry's
// API with node:crypto, whose synchronous createHmac signs many times faster than crypto.subtle
// there. Types always come from index.d.ts, so the documentation lives in index.ts, and the two
// functions here are typed as the default entry's: they cannot differ.
import { createSignerWith } from './create-intend-signer.js';
import type * as defaultEntry from './index.js';
import { nodeCryptoBackend } from './node-crypto-backend.js';
import { verifyWith } from './verify-intend-request.js';

export * from './public-api.js';

/** See `createIntendSigner` in index.ts; HMAC through node:crypto. */
export const createIntendSigner: typeof defaultEntry.createIntendSigner = (options) =>
  createSignerWith(nodeCryptoBackend, options);

/** See `verifyIntendRequest` in index.ts; HMAC through node:crypto. */
export const verifyIntendRequest: typeof defaultEntry.verifyIntendRequest = (request, options) =>
  verifyWith(nodeCryptoBackend, request, options);
