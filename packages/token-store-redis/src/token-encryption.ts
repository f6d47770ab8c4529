const encoder = new TextEncoder();
const decoder = new TextDecoder();
const salt = encoder.encode('bridgekit/token-store-redis');
const ivLength = 12;

/** @internal Base64url without padding: the alphabet has no `.`, the stored value's separator. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** @internal The reverse of {@link toBase64Url}; throws on characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/**
@internal What the store does with token text: a keyed hash (always) and AES-256-GCM (with an
encryption key). Both keys are derived from the user's key with HKDF-SHA-256, each with its own
`info`, so the hash never reuses the cipher's key.
*/
export interface TokenCipher {
  /** Whether values are encrypted; without a key they are stored in the clear. */
  readonly encrypts: boolean;
  /** A short id of the key (HKDF-derived, so it tells nothing of the key), which each value names. */
  id(): Promise<string>;
  /** HMAC-SHA-256 with the derived key (SHA-256 without a key), base64url: what compare-and-delete compares. */
  hash(token: string): Promise<string>;
  /** `iv || ciphertext || tag`, base64url, with `associatedData` authenticated. */
  encrypt(plaintext: string, associatedData: string): Promise<string>;
  /** The plaintext, or undefined when the value does not decrypt (another key, tampering). */
  decrypt(value: string, associatedData: string): Promise<string | undefined>;
}

interface DerivedKeys {
  readonly cipher: CryptoKey;
  readonly mac: CryptoKey;
  readonly id: string;
}

async function deriveKeys(secret: string): Promise<DerivedKeys> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(info) });
  const [cipher, mac, id] = await Promise.all([
    crypto.subtle.deriveKey(hkdf('aes-256-gcm token value'), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(
      hkdf('hmac-sha-256 token hash'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
    crypto.subtle.deriveBits(hkdf('key id'), base, 48),
  ]);
  return { cipher, mac, id: toBase64Url(new Uint8Array(id)) };
}

/** @internal A cipher for `secret` (derived once, on first use), or a hash-only one without it. */
export function createTokenCipher(secret: string | undefined): TokenCipher {
  if (secret === undefined) {
    return {
      encrypts: false,
      id: () => Promise.resolve(''),
      async hash(token) {
        return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))));
      },
      encrypt: () => Promise.reject(new Error('no encryption key')),
      decrypt: () => Promise.resolve(undefined),
    };
  }
  let keys: Promise<DerivedKeys> | undefined;
  const derived = () => {
    keys ??= deriveKeys(secret);
    return keys;
  };
  return {
    encrypts: true,
    id: async () => (await derived()).id,
    async hash(token) {
      const { mac } = await derived();
      return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', mac, encoder.encode(token))));
    },
    async encrypt(plaintext, associatedData) {
      const { cipher } = await derived();
      const iv = crypto.getRandomValues(new Uint8Array(ivLength));
      const additionalData = encoder.encode(associatedData);
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData },
          cipher,
          encoder.encode(plaintext),
        ),
      );
      const out = new Uint8Array(ivLength + sealed.length);
      out.set(iv);
      out.set(sealed, ivLength);
      return toBase64Url(out);
    },
    async decrypt(value, associatedData) {
      const { cipher } = await derived();
      try {
        const bytes = fromBase64Url(value);
        const iv = bytes.slice(0, ivLength);
        const additionalData = encoder.encode(associatedData);
        const opened = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData },
          cipher,
          bytes.slice(ivLength),
        );
        return decoder.decode(opened);
      } catch {
        return undefined;
      }
    },
  };
}
