import type { BridgekitError } from '@bridgekit/errors';
import { createTokenManager, type TokenManager } from '@bridgekit/ingo-auth';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { Cluster } from 'ioredis';
import { createCluster } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClientLike } from './redis-client.js';
import { createRedisTokenStore } from './redis-token-store.js';
import { fleetSandbox, memberOf } from './testing/fleet-run.js';
import { type RedisCluster, startRedisCluster } from './testing/redis-cluster.js';

let cluster: RedisCluster;
let sandbox: Awaited<ReturnType<typeof fleetSandbox>>;
let running: RunningSandbox;
beforeAll(async () => {
  cluster = await startRedisCluster();
  // Tokens of 2 s, so that a short run crosses expiries.
  sandbox = await fleetSandbox(2, 50);
  running = sandbox.running;
}, 600_000);
afterAll(async () => {
  await running?.close();
  await cluster?.stop();
});

/** A cluster client of each kind, connected through one node: it learns the others. */
const clients = {
  'node-redis createCluster': async () => {
    const redis = createCluster({ rootNodes: [{ url: cluster.nodes[0]?.url ?? '' }] });
    redis.on('error', () => undefined);
    await redis.connect();
    return { redis: redis as RedisClientLike, close: () => redis.close() };
  },
  'ioredis Cluster': async () => {
    const redis = new Cluster([{ host: '127.0.0.1', port: cluster.nodes[0]?.port ?? 0 }]);
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    return { redis: redis as RedisClientLike, close: async () => redis.disconnect() };
  },
};

describe.each(Object.keys(clients) as (keyof typeof clients)[])(
  'a real three-master Redis Cluster on %s',
  (kind) => {
    it('shares one token request per expiry across managers, with no CROSSSLOT or other store error', async () => {
      const connections = await Promise.all([1, 2, 3].map(() => clients[kind]()));
      const errors: BridgekitError[] = [];
      const { tokenUrl, clientId, clientSecret, scope } = memberOf(running, 'node-redis');
      const keyPrefix = `cluster-${kind.replace(/\W/g, '')}:`;
      const managers: TokenManager[] = connections.map(({ redis }) =>
        createTokenManager({
          tokenUrl,
          clientId,
          clientSecret,
          scope,
          store: createRedisTokenStore({
            redis,
            keyPrefix,
            encryptionKey: 'a cluster encryption key, 32 chars',
          }),
          onStoreError: (error) => errors.push(error),
        }),
      );
      try {
        const before = sandbox.tokenRequests();
        const first = await Promise.all(managers.map((manager) => manager.getToken()));
        expect(new Set(first.map((token) => token.accessToken.reveal())).size).toBe(1);
        expect(sandbox.tokenRequests() - before).toBe(1);
        // Across two more expiries of 2 s tokens, refreshed ahead: one request each, fleet-wide.
        const end = performance.now() + 4000;
        while (performance.now() < end) {
          await Promise.all(managers.map((manager) => manager.getToken()));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const requests = sandbox.tokenRequests() - before;
        process.stdout.write(`${kind}: ${requests} token requests for 3 managers over 4 s of 2 s tokens\n`);
        expect(requests).toBeLessThanOrEqual(4);
        expect(errors.map((error) => error.message)).toEqual([]);
      } finally {
        await Promise.all(connections.map((connection) => connection.close()));
      }
    }, 60_000);
  },
);
