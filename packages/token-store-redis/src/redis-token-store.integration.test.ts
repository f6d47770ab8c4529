import { Secret } from '@bridgekit/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTokenStore } from './redis-token-store.js';
import { type ClientKind, connectClient, type TestClient } from './testing/redis-clients.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
}, 600_000);
afterAll(async () => {
  await server?.stop();
});

function tokenFor(text: string, lifetimeMs = 60_000) {
  const now = Date.now();
  return {
    accessToken: new Secret(text),
    tokenType: 'Bearer' as const,
    expiresAt: now + lifetimeMs,
    issuedAt: now,
    scope: 's',
  };
}

describe.each<ClientKind>(['node-redis', 'node-redis-v4', 'ioredis'])('the store on %s', (kind) => {
  let client: TestClient;
  const keyPrefix = `contract-${kind}:`;
  beforeAll(async () => {
    client = await connectClient(kind, server.url);
  });
  afterAll(async () => {
    await client?.close();
  });
  let test = 0;
  beforeEach(() => {
    test += 1;
  });
  // Each test has keys of its own.
  const prefix = () => `${keyPrefix}${test}:`;
  const store = () => createRedisTokenStore({ redis: client.redis, keyPrefix: prefix() });
  const keys = async () => ((await client.command('KEYS', `${prefix()}*`)) as string[]).sort();

  it('stores a token for its remaining lifetime under hashed, hash-tagged keys', async () => {
    const managerKey = 'ingo-token:["https://auth.test/connect/token","client-7","scope-a"]';
    const token = tokenFor('token-one');
    await store().set(managerKey, token, 30_000);
    const read = await store().get(managerKey);
    expect(read?.accessToken.reveal()).toBe('token-one');
    expect(read).toMatchObject({
      tokenType: 'Bearer',
      expiresAt: Math.floor(token.expiresAt),
      issuedAt: token.issuedAt,
      scope: 's',
    });
    const [tokenKey = ''] = await keys();
    expect(tokenKey).toMatch(new RegExp(`^${prefix()}\\{[0-9a-f]{32}\\}:token$`));
    expect(tokenKey).not.toContain('client-7');
    const ttl = Number(await client.command('PTTL', tokenKey));
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    const lock = await store().lock(managerKey, 5000);
    const tag = tokenKey.slice(prefix().length, tokenKey.indexOf('}') + 1);
    expect(await keys()).toEqual([`${prefix()}${tag}:lock`, tokenKey]);
    await lock?.release();
  });

  it('never replaces a token that expires later, as a write a reconnecting client sends late would', async () => {
    const newer = tokenFor('newer', 60_000);
    await store().set('late-write', newer, 60_000);
    await store().set('late-write', tokenFor('older', 30_000), 30_000);
    expect((await store().get('late-write'))?.accessToken.reveal()).toBe('newer');
    await store().set('late-write', tokenFor('newest', 90_000), 90_000);
    expect((await store().get('late-write'))?.accessToken.reveal()).toBe('newest');
  });

  it('deletes only the token it is given, so that a newer one stays', async () => {
    await store().set('delete', tokenFor('first'), 60_000);
    await store().set('delete', tokenFor('second', 70_000), 70_000);
    await store().delete('delete', tokenFor('first'));
    expect((await store().get('delete'))?.accessToken.reveal()).toBe('second');
    await store().delete('delete', tokenFor('second'));
    expect(await store().get('delete')).toBeUndefined();
  });

  it('hands the lock to one owner at a time; only that owner renews or releases it', async () => {
    const first = await store().lock('lock', 300);
    expect(first).toBeDefined();
    expect(await store().lock('lock', 300)).toBeUndefined();
    expect(await first?.renew(60_000)).toBe(true);
    const [lockKey = ''] = await keys();
    expect(Number(await client.command('PTTL', lockKey))).toBeGreaterThan(59_000);
    await first?.release();
    const second = await store().lock('lock', 100);
    expect(second).toBeDefined();
    // The first holder's lock is gone: its release and renew must not touch the second one's.
    await first?.release();
    expect(await first?.renew(60_000)).toBe(false);
    expect(await store().lock('lock', 100)).toBeUndefined();
    const deadline = performance.now() + 2000;
    let third = await store().lock('lock', 100);
    while (!third && performance.now() < deadline) third = await store().lock('lock', 100);
    expect(third).toBeDefined();
    await third?.release();
  });

  it('reads anything that is not one of its own values as a miss', async () => {
    await store().set('malformed', tokenFor('real'), 60_000);
    const [tokenKey = ''] = await keys();
    const values = [
      'garbage',
      'bk1.1.abc.c.{}',
      'bk1.9999999999999.wrong-hash.c.{"accessToken":"x","issuedAt":0,"scope":"s"}',
      'bk1.9999999999999.abc.e.not-base64!',
    ];
    for (const value of values) {
      await client.command('SET', tokenKey, value);
      expect(await store().get('malformed')).toBeUndefined();
    }
  });

  it('runs its scripts again after the server forgot them (restart, SCRIPT FLUSH)', async () => {
    await store().set('flush', tokenFor('before'), 60_000);
    await client.command('SCRIPT', 'FLUSH');
    await store().delete('flush', tokenFor('before'));
    expect(await store().get('flush')).toBeUndefined();
  });
});
