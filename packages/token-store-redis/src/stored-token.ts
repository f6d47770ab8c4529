import { Secret } from '@bridgekit/errors';
import type { TokenCipher } from './token-encryption.js';
import type { TokenKeyring } from './token-keyring.js';

/** An access token as `@bridgekit/ingo-auth` hands it to a store (its `AccessToken`, by shape). */
export interface TokenToStore {
  readonly accessToken: {
    /** The token's value, read only to encrypt it. */
    reveal(): string;
  };
  readonly expiresAt: number;
  readonly issuedAt: number;
  readonly scope: string;
}

/** An access token read back from Redis: `@bridgekit/ingo-auth`'s `AccessToken`. */
export interface StoredToken {
  readonly accessToken: Secret;
  readonly tokenType: 'Bearer';
  readonly expiresAt: number;
  readonly issuedAt: number;
  readonly scope: string;
}

/** @internal A value to write, with the two fields the Lua scripts read. */
export interface EncodedToken {
  readonly value: string;
  readonly expiresAt: number;
  readonly hash: string;
}

const format = /^bk1\.(\d+)\.([A-Za-z0-9_-]+)\.(c|e[A-Za-z0-9_-]*)\.(.+)$/;

/**
@internal The header `bk1.<expiresAt>.<hash>.<mode>` (read by the Lua scripts, authenticated as
associated data together with the Redis key), then the token as JSON: in the clear (mode `c`) or
AES-256-GCM encrypted (mode `e<key id>`: the key that can open it).
*/
export async function encodeToken(
  keyring: TokenKeyring,
  redisKey: string,
  token: TokenToStore,
): Promise<EncodedToken> {
  const cipher = keyring.current;
  const accessToken = token.accessToken.reveal();
  const expiresAt = Math.floor(token.expiresAt);
  const hash = await cipher.hash(accessToken);
  const json = JSON.stringify({ accessToken, issuedAt: token.issuedAt, scope: token.scope });
  const header = `bk1.${expiresAt}.${hash}.${cipher.encrypts ? `e${await cipher.id()}` : 'c'}`;
  const payload = cipher.encrypts ? await cipher.encrypt(json, `${redisKey}\n${header}`) : json;
  return { value: `${header}.${payload}`, expiresAt, hash };
}

function tokenFields(json: string): { accessToken: string; issuedAt: number; scope: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { accessToken, issuedAt, scope } = parsed as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken.length === 0) return undefined;
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt) || typeof scope !== 'string')
    return undefined;
  return { accessToken, issuedAt, scope };
}

/** The keys that may open a value of `mode`; a key id no key has is an error that names it. */
async function ciphersFor(keyring: TokenKeyring, mode: string): Promise<TokenCipher[]> {
  if (mode === 'c') return keyring.encrypts ? [] : [keyring.current];
  if (!keyring.encrypts) return [];
  // Written before values named their key: any key may be the one.
  if (mode === 'e') return [...keyring.ciphers];
  const cipher = await keyring.byId(mode.slice(1));
  if (cipher) return [cipher];
  throw new Error(
    `The stored token was encrypted with key id ${mode.slice(1)}, which none of encryptionKey has ` +
      `(ids ${(await keyring.ids()).join(', ')}): add that key to the list, or let the value expire`,
  );
}

/**
@internal The token in `value`, or undefined for anything else: another format, a value that does
not decrypt (tampering), a clear value where encryption is on, a hash that does not match the
token. A value that names a key id none of the keys has throws, naming it (`onStoreError` says so).
*/
export async function decodeToken(
  keyring: TokenKeyring,
  redisKey: string,
  value: string | undefined,
): Promise<StoredToken | undefined> {
  const match = value === undefined ? null : format.exec(value);
  if (!match) return undefined;
  const [, expires = '', hash = '', mode = '', payload = ''] = match;
  const header = `bk1.${expires}.${hash}.${mode}`;
  for (const cipher of await ciphersFor(keyring, mode)) {
    const json = mode === 'c' ? payload : await cipher.decrypt(payload, `${redisKey}\n${header}`);
    const fields = json === undefined ? undefined : tokenFields(json);
    if (!fields || (await cipher.hash(fields.accessToken)) !== hash) continue;
    return Object.freeze({
      accessToken: new Secret(fields.accessToken),
      tokenType: 'Bearer',
      expiresAt: Number(expires),
      issuedAt: fields.issuedAt,
      scope: fields.scope,
    });
  }
  return undefined;
}
