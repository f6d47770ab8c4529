import { Secret } from '@bridgekit/errors';
import type { TokenCipher } from './token-encryption.js';

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

const format = /^bk1\.(\d+)\.([A-Za-z0-9_-]+)\.([ce])\.(.+)$/;

/**
@internal The header `bk1.<expiresAt>.<hash>.<c|e>.` (read by the Lua scripts, authenticated as
associated data together with the Redis key), then the token as JSON: in the clear (`c`) or
AES-256-GCM encrypted (`e`).
*/
export async function encodeToken(
  cipher: TokenCipher,
  redisKey: string,
  token: TokenToStore,
): Promise<EncodedToken> {
  const accessToken = token.accessToken.reveal();
  const expiresAt = Math.floor(token.expiresAt);
  const hash = await cipher.hash(accessToken);
  const json = JSON.stringify({ accessToken, issuedAt: token.issuedAt, scope: token.scope });
  const header = `bk1.${expiresAt}.${hash}.${cipher.encrypts ? 'e' : 'c'}`;
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

/**
@internal The token in `value`, or undefined for anything else: another format, a value that does
not decrypt (another key, tampering), a clear value where encryption is on, a hash that does not
match the token.
*/
export async function decodeToken(
  cipher: TokenCipher,
  redisKey: string,
  value: string | undefined,
): Promise<StoredToken | undefined> {
  const match = value === undefined ? null : format.exec(value);
  if (!match) return undefined;
  const [, expires = '', hash = '', mode = '', payload = ''] = match;
  if ((mode === 'e') !== cipher.encrypts) return undefined;
  const header = `bk1.${expires}.${hash}.${mode}`;
  const json = mode === 'e' ? await cipher.decrypt(payload, `${redisKey}\n${header}`) : payload;
  const fields = json === undefined ? undefined : tokenFields(json);
  if (!fields || (await cipher.hash(fields.accessToken)) !== hash) return undefined;
  return Object.freeze({
    accessToken: new Secret(fields.accessToken),
    tokenType: 'Bearer',
    expiresAt: Number(expires),
    issuedAt: fields.issuedAt,
    scope: fields.scope,
  });
}
