import type { CryptoBackend, HmacFunction } from './crypto-backend.js';
import { constantTimeEqual, encodeBytes, utf8 } from './encoding.js';

// Web Crypto only takes ArrayBuffer-backed views; copy the rare SharedArrayBuffer-backed one.
function ownBuffer(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}

/** @internal HMAC and SHA-256 through `crypto.subtle`: Node, Deno, Bun, browsers and edge workers. */
export const webCryptoBackend: CryptoBackend = {
  createHmac(secret, algorithm, encoding): HmacFunction {
    let pendingSecret: string | undefined = secret;
    let key: Promise<CryptoKey> | undefined;
    // Imported on first use, not here, so that constructing a signer stays synchronous and cannot
    // leave an unhandled rejection behind. Non-extractable: once imported, the key cannot be read back.
    const importedKey = (): Promise<CryptoKey> => {
      if (key === undefined) {
        const raw = utf8(pendingSecret ?? '');
        key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: algorithm }, false, ['sign']).then(
          (imported) => {
            pendingSecret = undefined;
            return imported;
          },
          (error: unknown) => {
            key = undefined;
            throw error;
          },
        );
      }
      return key;
    };
    return async (message) => {
      const signature = await crypto.subtle.sign('HMAC', await importedKey(), utf8(message));
      return encodeBytes(new Uint8Array(signature), encoding);
    };
  },
  async sha256Hex(data) {
    return encodeBytes(new Uint8Array(await crypto.subtle.digest('SHA-256', ownBuffer(data))), 'hex');
  },
  timingSafeEqual: constantTimeEqual,
};
