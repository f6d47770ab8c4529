import { Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken } from './stored-token.js';
import { createTokenCipher } from './token-encryption.js';

const token = {
  accessToken: new Secret('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'),
  expiresAt: 1_750_000_000_123.7,
  issuedAt: 1_749_999_000_000,
  scope: 'https://apis.ingo.money/auth/insights/identity-score',
};
const key = 'bridgekit:{0123456789abcdef0123456789abcdef}:token';
const encrypted = createTokenCipher('an encryption key of 32 characters.');
const clear = createTokenCipher(undefined);

describe('stored values', () => {
  it('round-trip a token, expiry rounded down to the millisecond, in the clear and encrypted', async () => {
    for (const cipher of [clear, encrypted]) {
      const { value, expiresAt } = await encodeToken(cipher, key, token);
      expect(expiresAt).toBe(1_750_000_000_123);
      const read = await decodeToken(cipher, key, value);
      expect(read?.accessToken.reveal()).toBe(token.accessToken.reveal());
      expect(read).toMatchObject({
        tokenType: 'Bearer',
        expiresAt,
        issuedAt: token.issuedAt,
        scope: token.scope,
      });
      expect(JSON.stringify(read)).not.toContain(token.accessToken.reveal());
    }
  });

  it('with a key, never show the token, use a fresh IV per write, and keep a keyed hash beside it', async () => {
    const first = await encodeToken(encrypted, key, token);
    const second = await encodeToken(encrypted, key, token);
    for (const part of [token.accessToken.reveal(), ...token.accessToken.reveal().split('.'), token.scope]) {
      expect(first.value).not.toContain(part);
    }
    expect(first.value).not.toBe(second.value);
    expect(first.hash).toBe(second.hash);
    expect(first.hash).not.toBe((await encodeToken(clear, key, token)).hash);
    expect(first.value.startsWith(`bk1.${first.expiresAt}.${first.hash}.e.`)).toBe(true);
  });

  it('read a value that was tampered with, moved to another key or written with another key as a miss', async () => {
    const { value } = await encodeToken(encrypted, key, token);
    const [version, expires, hash, mode, payload = ''] = value.split('.');
    const flipped = `${payload.slice(0, 20)}${payload[20] === 'A' ? 'B' : 'A'}${payload.slice(21)}`;
    const tampered = [
      [version, expires, hash, mode, flipped].join('.'),
      [version, String(Number(expires) + 60_000), hash, mode, payload].join('.'),
      [version, expires, 'AAAA', mode, payload].join('.'),
    ];
    for (const changed of tampered) expect(await decodeToken(encrypted, key, changed)).toBeUndefined();
    expect(await decodeToken(encrypted, `${key}-elsewhere`, value)).toBeUndefined();
    const rotated = createTokenCipher('another encryption key, 32 chars');
    expect(await decodeToken(rotated, key, value)).toBeUndefined();
    // A clear value where encryption is on (written by a misconfigured instance, or forged): a miss.
    expect(await decodeToken(encrypted, key, (await encodeToken(clear, key, token)).value)).toBeUndefined();
    expect(await decodeToken(clear, key, value)).toBeUndefined();
  });

  it('read anything else as a miss', async () => {
    const { hash } = await encodeToken(clear, key, token);
    const values = [
      undefined,
      '',
      'plain token',
      `bk1.1.${hash}.c.not json`,
      `bk1.1.${hash}.c.[]`,
      `bk1.1.${hash}.c.{"accessToken":"","issuedAt":0,"scope":"s"}`,
      `bk1.1.${hash}.c.{"accessToken":"x","issuedAt":"0","scope":"s"}`,
      `bk1.1.${hash}.c.{"accessToken":"another token","issuedAt":0,"scope":"s"}`,
      `bk2.1.${hash}.c.{}`,
    ];
    for (const value of values) expect(await decodeToken(clear, key, value)).toBeUndefined();
  });
});
