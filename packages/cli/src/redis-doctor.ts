import { randomBytes } from 'node:crypto';
import { redactUrl } from '@bridgekit/errors';
import { createRedisTokenStore, type RedisClientLike } from '@bridgekit/token-store-redis';
import { check, type DoctorCheck, reasonOf } from './check.js';

/** The node-redis commands the doctor sends, on a plain client or a cluster. */
interface Connection {
  sendCommand(args: string[]): Promise<unknown>;
  readonly store: RedisClientLike;
  close(): Promise<void>;
}

async function connect(url: string, cluster: boolean): Promise<Connection> {
  const { createClient, createCluster } = await import('redis');
  // No reconnection: a doctor reports an unreachable server instead of retrying it forever.
  const socket = { connectTimeout: 5_000, reconnectStrategy: false as const };
  if (cluster) {
    const client = createCluster({ rootNodes: [{ url, socket }] });
    client.on('error', () => undefined);
    await client.connect();
    return {
      sendCommand: (args) => client.sendCommand(undefined, true, args),
      store: client,
      close: () => client.close(),
    };
  }
  const client = createClient({ url, socket });
  client.on('error', () => undefined);
  await client.connect();
  return { sendCommand: (args) => client.sendCommand(args), store: client, close: () => client.close() };
}

/** `allkeys-*` may evict a lock while its holder works, or a token before it expires. */
async function evictionCheck(redis: Connection): Promise<DoctorCheck> {
  try {
    // node-redis answers CONFIG GET with an object; another RESP reader may give [name, value].
    const reply = (await redis.sendCommand(['CONFIG', 'GET', 'maxmemory-policy'])) as unknown;
    const policy = String(
      (Array.isArray(reply) ? reply[1] : (reply as Record<string, unknown> | null)?.['maxmemory-policy']) ??
        'unknown',
    );
    if (policy.startsWith('allkeys-')) {
      return check(
        'redis eviction',
        'warn',
        `maxmemory-policy is ${policy}: Redis may evict a lock or a token under memory pressure`,
        'set maxmemory-policy to noeviction or a volatile-* policy',
      );
    }
    return check('redis eviction', 'ok', `maxmemory-policy is ${policy}`);
  } catch (error) {
    return check(
      'redis eviction',
      'warn',
      `CONFIG GET is not allowed (${reasonOf(error)}): the eviction policy is unknown`,
      'make sure it is noeviction or volatile-*',
    );
  }
}

/** The commands the store sends: EVAL for its scripts, SET with PX for its keys and locks. */
async function commandsCheck(redis: Connection, key: string): Promise<DoctorCheck> {
  try {
    await redis.sendCommand(['EVAL', 'return 1', '1', key]);
    await redis.sendCommand(['SET', key, '1', 'PX', '10000', 'NX']);
    const ttl = Number(await redis.sendCommand(['PTTL', key]));
    await redis.sendCommand(['DEL', key]);
    if (!(ttl > 0))
      return check(
        'redis commands',
        'fail',
        `SET with PX left no expiry (PTTL ${ttl})`,
        'use a Redis (6 or later) that honours SET PX',
      );
    return check('redis commands', 'ok', 'EVAL and SET with PX are allowed');
  } catch (error) {
    return check(
      'redis commands',
      'fail',
      `a command the store needs was refused: ${reasonOf(error)}`,
      'allow EVAL, EVALSHA, GET, SET and DEL on the key prefix for this user (ACL)',
    );
  }
}

async function clockCheck(redis: Connection): Promise<DoctorCheck> {
  const [seconds, micros] = (await redis.sendCommand(['TIME'])) as [string, string];
  const offset = Number(seconds) * 1000 + Number(micros) / 1000 - Date.now();
  const words = `Redis's clock is ${Math.abs(Math.round(offset))} ms ${offset > 0 ? 'ahead of' : 'behind'} this machine`;
  if (Math.abs(offset) < 2_000) return check('redis clock', 'ok', words);
  return check(
    'redis clock',
    'warn',
    `${words}: keys expire on Redis's clock`,
    'sync the clocks of Redis and this machine (NTP)',
  );
}

/** A token encrypted by a store on one connection and read by a store on another. */
async function roundTripCheck(
  first: Connection,
  second: Connection,
  env: Readonly<Record<string, string | undefined>>,
): Promise<DoctorCheck> {
  const given = env['TOKEN_CACHE_KEY'];
  const encryptionKey = given ?? randomBytes(32).toString('base64url');
  const keyPrefix = `bridgekit-doctor-${randomBytes(6).toString('hex')}:`;
  const writer = createRedisTokenStore({ redis: first.store, keyPrefix, encryptionKey });
  const reader = createRedisTokenStore({ redis: second.store, keyPrefix, encryptionKey });
  const value = randomBytes(16).toString('hex');
  const token = {
    accessToken: { reveal: () => value },
    expiresAt: Date.now() + 60_000,
    issuedAt: Date.now(),
    scope: 'doctor',
  };
  try {
    await writer.set('doctor', token, 10_000);
    const read = await reader.get('doctor');
    await reader.delete('doctor', token);
    const key = given === undefined ? 'a random key' : 'TOKEN_CACHE_KEY';
    if (read?.accessToken.reveal() === value)
      return check(
        'redis store',
        'ok',
        `a token encrypted with ${key} on one connection was read on another`,
      );
    return check(
      'redis store',
      'fail',
      'a token written on one connection was not read back on another',
      'check that every instance uses the same Redis database and key prefix',
    );
  } catch (error) {
    return check('redis store', 'fail', `the token store failed: ${reasonOf(error)}`, 'see the reason above');
  }
}

/**
@internal Redis: reachable, version and mode, eviction policy, the commands the store needs, its
clock against ours, and an encrypted token written by one connection and read by another.
*/
export async function redisChecks(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<DoctorCheck[]> {
  const where = redactUrl(url);
  let probe: Connection;
  try {
    probe = await connect(url, false);
  } catch (error) {
    return [
      check(
        'redis reach',
        'fail',
        `${where} did not answer: ${reasonOf(error)}`,
        'check REDIS_URL (host, port, user and password) and the network',
      ),
    ];
  }
  const info = String(await probe.sendCommand(['INFO', 'server']));
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const cluster = /redis_mode:cluster/.test(info);
  await probe.close();
  const [first, second] = await Promise.all([connect(url, cluster), connect(url, cluster)]);
  try {
    const mode = cluster ? 'cluster (connect the store with createCluster or ioredis Cluster)' : 'standalone';
    return [
      check('redis reach', 'ok', `${where} answers: Redis ${version}, ${mode}`),
      await evictionCheck(first),
      await commandsCheck(first, `bridgekit-doctor-${randomBytes(6).toString('hex')}`),
      await clockCheck(first),
      await roundTripCheck(first, second, env),
    ];
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
}
