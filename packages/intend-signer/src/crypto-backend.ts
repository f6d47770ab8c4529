import type { SignatureEncoding } from './encoding.js';
import type { MaybePromise } from './maybe-promise.js';

/** The hash function inside the HMAC. */
export type HashAlgorithm = 'SHA-256' | 'SHA-512';

/** @internal Signs a message with a key imported once; returns the encoded signature. */
export type HmacFunction = (message: string) => MaybePromise<string>;

/**
@internal
The cryptography a runtime provides. The default entry uses Web Crypto, which every runtime has;
the `node` entry uses node:crypto, whose synchronous `createHmac` is many times faster there.
Everything else in the package is shared, so both entries sign byte for byte the same.
*/
export interface CryptoBackend {
  /** Imports `secret` (as UTF-8 bytes) once and returns a function that signs with it. */
  readonly createHmac: (
    secret: string,
    algorithm: HashAlgorithm,
    encoding: SignatureEncoding,
  ) => HmacFunction;
  /** Lowercase hex SHA-256 of `data`. */
  readonly sha256Hex: (data: Uint8Array) => MaybePromise<string>;
  /** Whether two signatures are equal, in time that does not depend on where they differ. */
  readonly timingSafeEqual: (expected: string, received: string) => boolean;
}
