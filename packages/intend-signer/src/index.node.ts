// The `node` entry (Node, and Deno and Bun, which also match the condition): the default entry's
// API with node:crypto, whose synchronous createHmac signs many times faster than crypto.subtle
// there. Types always come from index.d.ts, so the documentation lives in index.ts.
import { createSignerWith, type IntendSigner, type IntendSignerOptions } from './create-intend-signer.js';
import { nodeCryptoBackend } from './node-crypto-backend.js';
import {
  type VerifiableRequest,
  type VerifiedIntendRequest,
  type VerifyIntendRequestOptions,
  verifyWith,
} from './verify-intend-request.js';

export * from './public-api.js';

/** See `createIntendSigner` in index.ts; HMAC through node:crypto. */
export function createIntendSigner(options: IntendSignerOptions): IntendSigner {
  return createSignerWith(nodeCryptoBackend, options);
}

/** See `verifyIntendRequest` in index.ts; HMAC through node:crypto. */
export function verifyIntendRequest(
  request: VerifiableRequest,
  options: VerifyIntendRequestOptions,
): Promise<VerifiedIntendRequest> {
  return verifyWith(nodeCryptoBackend, request, options);
}
