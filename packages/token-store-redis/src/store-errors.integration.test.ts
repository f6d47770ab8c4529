import { type BridgekitError, NetworkError } from '@bridgekit/errors';
import { createTokenManager } from '@bridgekit/ingo-auth';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClientLike } from './redis-client.js';
import { createRedisTokenStore } from './redis-token-store.js';
import { fleetSandbox, memberOf } from './testing/fleet-run.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

let server: RedisServer;
let running: RunningSandbox;
beforeAll(async () => {
  server = await startRedisServer();
  running = (await fleetSandbox(3600, 0)).running;
}, 600_000);
afterAll(async () => {
  await running?.close();
  await server?.stop();
});

/** The onStoreError a manager on `redis` reports for one getToken(), which still gets a token. */
async function storeErrorWith(redis: RedisClientLike): Promise<BridgekitError> {
  const errors: BridgekitError[] = [];
  const { tokenUrl, clientId, clientSecret, scope } = memberOf(running, 'node-redis');
  const tokens = createTokenManager({
    tokenUrl,
    clientId,
    clientSecret,
    scope,
    store: createRedisTokenStore({ redis, keyPrefix: `errors-${Math.random()}:` }),
    onStoreError: (error) => errors.push(error),
  });
  await expect(tokens.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
  expect(errors[0]).toBeInstanceOf(NetworkError);
  return errors[0] as BridgekitError;
}

describe('onStoreError names the reason in its message', () => {
  it('a client that was closed', async () => {
    const redis = await createClient({ url: server.url }).connect();
    await redis.close();
    expect((await storeErrorWith(redis)).message).toMatch(
      /^The token store failed \(.*closed.*\); tokens are fetched/,
    );
  });

  it('a client that never connected', async () => {
    const redis = createClient({ url: server.url });
    expect((await storeErrorWith(redis)).message).toMatch(/The token store failed \(.*closed.*\)/);
  });

  it('NOAUTH: a server that wants a password', async () => {
    const admin = await createClient({ url: server.url }).connect();
    await admin.configSet('requirepass', 'a-password');
    // node-redis v4 connects without a handshake: every command is then refused with NOAUTH.
    const redis = createClientV4({ url: server.url }).on('error', () => undefined);
    try {
      await redis.connect();
      expect((await storeErrorWith(redis)).message).toContain('NOAUTH');
    } finally {
      await redis.disconnect().catch(() => undefined);
      await admin.configSet('requirepass', '');
      await admin.close();
    }
  });

  it('READONLY: a replica', async () => {
    const admin = await createClient({ url: server.url }).connect();
    // A replica of a master that does not answer still serves reads and refuses writes.
    await admin.sendCommand(['REPLICAOF', '127.0.0.1', '9']);
    try {
      const redis = await createClient({ url: server.url }).connect();
      expect((await storeErrorWith(redis)).message).toContain('READONLY');
      await redis.close();
    } finally {
      await admin.sendCommand(['REPLICAOF', 'NO', 'ONE']);
      await admin.close();
    }
  });
});
