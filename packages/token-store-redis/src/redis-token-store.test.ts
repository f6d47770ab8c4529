import { ConfigurationError, Secret } from '@bridgekit/errors';
import type { TokenStore } from '@bridgekit/ingo-auth';
import type { Redis } from 'ioredis';
import type { createClient, createCluster } from 'redis';
import type { createClient as createClientV4 } from 'redis-v4';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IoRedisClientLike, NodeRedisClientLike, RedisClientLike } from './redis-client.js';
import { createRedisTokenStore, type RedisTokenStore } from './redis-token-store.js';

/** An in-memory stand-in for the two commands, in either client's calling convention. */
function fakeRedis(shape: 'node-redis' | 'ioredis') {
  const calls: string[] = [];
  const known = new Set<string>();
  const data = new Map<string, string>();
  const evaluate = (sha1: string | undefined, source: string | undefined, keys: string[], args: string[]) => {
    if (sha1 !== undefined && !known.has(sha1))
      return Promise.reject(new Error('NOSCRIPT No matching script'));
    calls.push(sha1 === undefined ? 'EVAL' : 'EVALSHA');
    if (source?.includes("'NX'")) {
      const [key = ''] = keys;
      if (data.has(key)) return Promise.resolve(0);
      data.set(key, args[0] ?? '');
      return Promise.resolve(1);
    }
    return Promise.resolve(0);
  };
  const learn = (source: string) =>
    crypto.subtle.digest('SHA-1', new TextEncoder().encode(source)).then((digest) => {
      known.add(Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    });
  const get = async (key: string) => data.get(key) ?? null;
  const run = async (source: string, keys: string[], args: string[]) => {
    await learn(source);
    return evaluate(undefined, source, keys, args);
  };
  const nodeRedis: NodeRedisClientLike = {
    get,
    eval: (source, { keys, arguments: args }) => run(source, keys, args),
    evalSha: (sha1, { keys, arguments: args }) => evaluate(sha1, undefined, keys, args),
  };
  const ioredis: IoRedisClientLike = {
    get,
    eval: (source, count, ...rest) => run(source, rest.slice(0, count), rest.slice(count)),
    evalsha: (sha1, count, ...rest) => evaluate(sha1, undefined, rest.slice(0, count), rest.slice(count)),
  };
  const client: RedisClientLike = shape === 'node-redis' ? nodeRedis : ioredis;
  return { client, calls };
}

describe('createRedisTokenStore', () => {
  it.each(['node-redis', 'ioredis'] as const)(
    'speaks %s: EVALSHA, and EVAL once for a script the server lacks',
    async (shape) => {
      const { client, calls } = fakeRedis(shape);
      const store = createRedisTokenStore({ redis: client });
      expect(await store.lock('key', 1000)).toBeDefined();
      expect(await store.lock('key', 1000)).toBeUndefined();
      expect(calls).toEqual(['EVAL', 'EVALSHA']);
    },
  );

  it('refuses what is not a client, a short encryption key and a bad prefix, without echoing them', () => {
    const redis = fakeRedis('ioredis').client;
    const cases: [unknown, string][] = [
      [undefined, 'options'],
      [{}, 'redis'],
      [{ redis: { get() {}, eval() {} } }, 'redis'],
      [{ redis, encryptionKey: 'too short to be a key' }, 'encryptionKey'],
      [{ redis, encryptionKey: new Secret('short secret') }, 'encryptionKey'],
      [{ redis, encryptionKey: 42 }, 'encryptionKey'],
      [{ redis, encryptionKey: ' '.repeat(40) }, 'encryptionKey'],
      [{ redis, encryptionKey: `${'k'.repeat(40)}\n` }, 'encryptionKey'],
      [{ redis, encryptionKey: '' }, 'encryptionKey'],
      [{ redis, keyPrefix: 7 }, 'keyPrefix'],
    ];
    for (const [options, option] of cases) {
      let caught: unknown;
      try {
        createRedisTokenStore(options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigurationError);
      expect(caught).toMatchObject({ option });
      expect(String((caught as Error).message)).not.toMatch(/too short|short secret/);
    }
    expect(() => createRedisTokenStore({ redis, encryptionKey: new Secret('s'.repeat(32)) })).not.toThrow();
    // An unset environment variable (`?? ''`) is told apart from a short key, and how to go without one.
    expect(() => createRedisTokenStore({ redis, encryptionKey: '' })).toThrow(
      /at least 32 characters, received an empty string\. .*Leave encryptionKey out to store tokens in the clear\./,
    );
  });

  it('fails at once while the client says it is reconnecting, instead of queueing', async () => {
    const { client } = fakeRedis('node-redis');
    const reconnecting = { ...client, isOpen: true, isReady: false };
    await expect(createRedisTokenStore({ redis: reconnecting }).get('key')).rejects.toThrow('reconnecting');
    const ioredis = { ...fakeRedis('ioredis').client, status: 'reconnecting' };
    await expect(createRedisTokenStore({ redis: ioredis }).lock('key', 1)).rejects.toThrow('reconnecting');
    // Not connected yet: its queue goes out as soon as it connects.
    const connecting = { ...fakeRedis('ioredis').client, status: 'connecting' };
    await expect(createRedisTokenStore({ redis: connecting }).get('key')).resolves.toBeUndefined();
  });

  it('is typed to take either client and to be a TokenStore of @bridgekit/ingo-auth', () => {
    expectTypeOf<ReturnType<typeof createClient>>().toExtend<NodeRedisClientLike>();
    expectTypeOf<ReturnType<typeof createCluster>>().toExtend<NodeRedisClientLike>();
    expectTypeOf<ReturnType<typeof createClientV4>>().toExtend<NodeRedisClientLike>();
    expectTypeOf<Redis>().toExtend<IoRedisClientLike>();
    expectTypeOf<RedisTokenStore>().toExtend<TokenStore>();
  });
});
