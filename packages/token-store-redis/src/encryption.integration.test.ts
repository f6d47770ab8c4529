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

/** Waits (with a deadline) until the manager's token is in Redis: the write happens behind the caller. */
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
