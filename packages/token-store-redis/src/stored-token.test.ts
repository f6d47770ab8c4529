import { Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken } from './stored-token.js';
import { createTokenKeyring } from './token-keyring.js';

const token = {
  accessToken: new Secret('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'),
  expiresAt: 1_750_000_000_123.7,
  issuedAt: 1_749_999_000_000,
  scope: 'https://apis.ingo.money/auth/insights/identity-score',
};
const key = 'bridgekit:{0123456789abcdef0123456789abcdef}:token';
const oldKey = 'an encryption key of 32 characters.';
const newKey = 'another encryption key, 32 chars';
const encrypted = createTokenKeyring([oldKey]);
const clear = createTokenKeyring(undefined);

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
    const id = await encrypted.current.id();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(first.value.startsWith(`bk1.${first.expiresAt}.${first.hash}.e${id}.`)).toBe(true);
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

  it('rotate keys without a flush: the first key writes, every key reads, a value names its key', async () => {
    const before = createTokenKeyring([oldKey]);
    const during = createTokenKeyring([newKey, oldKey]);
    const after = createTokenKeyring([newKey]);
    const written = await encodeToken(before, key, token);
    expect((await decodeToken(during, key, written.value))?.accessToken.reveal()).toBe(
      token.accessToken.reveal(),
    );
    const rewritten = await encodeToken(during, key, token);
    expect((await decodeToken(after, key, rewritten.value))?.expiresAt).toBe(rewritten.expiresAt);
    // compare-and-delete finds a value whichever key wrote it.
    expect(await during.hashes(token.accessToken.reveal())).toEqual([rewritten.hash, written.hash]);
  });

  it('refuse a value whose key id no key has with an error naming that id, never a parse error', async () => {
    const written = await encodeToken(createTokenKeyring([newKey]), key, token);
    const needed = await createTokenKeyring([newKey]).current.id();
    const reading = decodeToken(createTokenKeyring([oldKey]), key, written.value);
    await expect(reading).rejects.toThrow(`encrypted with key id ${needed}, which none of encryptionKey has`);
    await expect(reading).rejects.not.toThrow(oldKey);
  });

  it('read a value written before values named their key (mode `e`) with any of the keys', async () => {
    // What the previous version wrote: the same header without the key id, authenticated likewise.
    const cipher = createTokenKeyring([oldKey]).current;
    const text = token.accessToken.reveal();
    const header = `bk1.1750000000123.${await cipher.hash(text)}.e`;
    const json = JSON.stringify({ accessToken: text, issuedAt: token.issuedAt, scope: token.scope });
    const legacy = `${header}.${await cipher.encrypt(json, `${key}\n${header}`)}`;
    const read = await decodeToken(createTokenKeyring([newKey, oldKey]), key, legacy);
    expect(read?.accessToken.reveal()).toBe(text);
    expect(await decodeToken(createTokenKeyring([newKey]), key, legacy)).toBeUndefined();
  });
});
