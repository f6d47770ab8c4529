import { type AccessToken, createTokenManager, type TokenManagerOptions } from '@bridgekit/ingo-auth';
import { createIngoSandbox, ingoSandboxScopes, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore } from './redis-token-store.js';
import { type ClientKind, connectClient, type TestClient } from './testing/redis-clients.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

const clientSecret = 'fleet secret+%:1 ü';
const sandbox = createIngoSandbox({
  clients: [{ clientId: 'fleet-client', clientSecret, scopes: [ingoSandboxScopes.identityScore] }],
});
let running: RunningSandbox;
let server: RedisServer;
beforeAll(async () => {
  [server, running] = await Promise.all([startRedisServer(), sandbox.listen()]);
}, 600_000);
afterAll(async () => {
  await Promise.all([server?.stop(), running?.close()]);
});

/** Every key and string value in Redis, as one text to search. */
async function everything(client: TestClient): Promise<string> {
  const keys = (await client.command('KEYS', '*')) as string[];
  const values = await Promise.all(keys.map((key) => client.command('GET', key)));
  return [...keys, ...values].join('\n');
}

/** Waits (with a deadline) until the manager's token is in Redis. */
async function untilStored(client: TestClient, keyPrefix: string): Promise<void> {
  await expect
    .poll(async () => ((await client.command('KEYS', `${keyPrefix}*:token`)) as string[]).length, {
      timeout: 5000,
    })
    .toBe(1);
}

describe.each<ClientKind>(['node-redis', 'ioredis'])('encryption on %s', (kind) => {
  let client: TestClient;
  beforeAll(async () => {
    client = await connectClient(kind, server.url);
  });
  afterAll(async () => {
    await client?.close();
  });
  const keyPrefix = `encrypted-${kind}:`;
  const manager = (encryptionKey: string, overrides: Partial<TokenManagerOptions> = {}) =>
    createTokenManager({
      tokenUrl: `${running.url}/connect/token`,
      clientId: 'fleet-client',
      clientSecret,
      scope: ingoSandboxScopes.identityScore,
      store: createRedisTokenStore({ redis: client.redis, keyPrefix, encryptionKey }),
      ...overrides,
    });

  it('keeps the token and the client secret out of every key and value', async () => {
    const token: AccessToken = await manager('k'.repeat(32)).getToken();
    await untilStored(client, keyPrefix);
    const dump = await everything(client);
    const secretForms = [
      clientSecret,
      encodeURIComponent(clientSecret),
      Buffer.from(clientSecret).toString('base64'),
    ];
    for (const secret of [token.accessToken.reveal(), ...secretForms]) expect(dump).not.toContain(secret);
    // Not even part of the JWT: its payload, or its signature.
    for (const part of token.accessToken.reveal().split('.').slice(1)) expect(dump).not.toContain(part);
    expect(dump).not.toContain('fleet-client');
  });

  it('takes a value it cannot decrypt (another key) for a miss: one fresh fetch', async () => {
    const before = sandbox.issuedTokens;
    const shared = await manager('k'.repeat(32)).getToken();
    expect(sandbox.issuedTokens).toBe(before);
    const other = await manager('another key of at least 32 chars!').getToken();
    expect(other.accessToken.reveal()).not.toBe(shared.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(before + 1);
  });
});

describe('a key rotation across two processes', () => {
  it('reads the old key’s token with [new, old], writes with new, and names the key id a process lacks', async () => {
    const { startFleet } = await import('./testing/fleet.js');
    const { memberOf } = await import('./testing/fleet-run.js');
    const oldKey = 'the old token cache key, 32 chars';
    const newKey = 'the new token cache key, 32 chars';
    const config = (client: 'node-redis' | 'ioredis', encryptionKey: string | string[]) =>
      memberOf(running, client, {
        redisUrl: server.url,
        keyPrefix: 'rotation:',
        encryptionKey,
        clientSecret,
      });
    const fleet = await startFleet(2, (index) =>
      index === 0 ? config('node-redis', oldKey) : config('ioredis', [newKey, oldKey]),
    );
    try {
      const [before, during] = fleet.members;
      if (!before || !during) throw new Error('two members');
      const issued = sandbox.issuedTokens;
      const first = await before.ask({ type: 'token' });
      // The rotated process opens the old key's value: no token request of its own.
      expect((await during.ask({ type: 'token' })).fingerprint).toBe(first.fingerprint);
      expect(sandbox.issuedTokens).toBe(issued + 1);
      // It replaces the token (an API refused it): compare-and-delete finds the old key's value,
      // and its new token is written with the new key.
      const replaced = await during.ask({ type: 'invalidate' });
      expect(replaced.dropped).toBe(true);
      const fresh = await during.ask({ type: 'token' });
      expect(fresh.fingerprint).not.toBe(first.fingerprint);
      expect(sandbox.issuedTokens).toBe(issued + 2);
      // The process still on the old key cannot open it: a miss and an onStoreError, never a crash.
      await before.ask({ type: 'run', durationMs: 1500, loops: 1, pauseMs: 100 });
      expect((await before.ask({ type: 'token' })).storeErrors).toBeGreaterThan(0);
    } finally {
      await fleet.close();
    }
  }, 30_000);
});
