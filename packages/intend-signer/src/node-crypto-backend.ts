import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { CryptoBackend, HmacFunction } from './crypto-backend.js';
import { utf8 } from './encoding.js';

const nodeAlgorithms = { 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;

/**
@internal
HMAC and SHA-256 through node:crypto, used by the `node` export condition (Node, and Deno and Bun,
which also match it). Synchronous, so `sign()` needs no microtask for the cryptography.
*/
export const nodeCryptoBackend: CryptoBackend = {
  createHmac(secret, algorithm, encoding): HmacFunction {
    // Imported once per signer; createHmac then reuses the key object instead of re-encoding a string.
    const key = createSecretKey(utf8(secret));
    const name = nodeAlgorithms[algorithm];
    return (message) => createHmac(name, key).update(message).digest(encoding);
  },
  sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
  },
  timingSafeEqual(expected, received) {
    const expectedBytes = utf8(expected);
    const receivedBytes = utf8(received);
    if (expectedBytes.length !== receivedBytes.length) {
      // Still compare, so a wrong length costs the same time as a wrong value.
      timingSafeEqual(expectedBytes, expectedBytes);
      return false;
    }
    return timingSafeEqual(expectedBytes, receivedBytes);
  },
};
