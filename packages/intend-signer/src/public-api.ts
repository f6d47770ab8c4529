// Everything both entries export except the two functions that bind a crypto backend. index.ts and
// index.node.ts re-export this list and add only `createIntendSigner` and `verifyIntendRequest`,
// so the entries cannot drift apart (entries.test.ts checks the result).
export { canonicalQuery, encodeRfc3986 } from './canonical-query.js';
export { type CanonicalRequestInput, canonicalRequest, emptyBodySha256 } from './canonical-request.js';
export type {
  IntendAuthHeaders,
  IntendRequestToSign,
  IntendSigner,
  IntendSignerOptions,
} from './create-intend-signer.js';
export type { HashAlgorithm } from './crypto-backend.js';
export type { SignableBody, SignatureEncoding } from './encoding.js';
export { defaultHeaderNames, type IntendHeaderNames, type ResolvedHeaderNames } from './header-names.js';
export { type IntendAuthHook, type IntendAuthHookState, intendAuth } from './intend-auth.js';
export {
  type CustomScheme,
  IntendScheme,
  type IntendSignatureScheme,
  type StringToSign,
  type StringToSignInput,
  type TimestampUnit,
} from './signature-scheme.js';
export type {
  SecretLookup,
  VerifiableRequest,
  VerifiedIntendRequest,
  VerifyIntendRequestOptions,
} from './verify-intend-request.js';
