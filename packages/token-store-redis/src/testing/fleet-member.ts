// One process of a test fleet: its own Redis connection and token manager, driven over IPC.
import { createHash } from 'node:crypto';
import { createTokenManager, type TokenStore } from '@bridgekit/ingo-auth';
import type { RedisClientLike } from '../redis-client.js';
import { createRedisTokenStore } from '../redis-token-store.js';
import type { MemberConfig, MemberMessage, MemberRequest, RunReport } from './fleet-protocol.js';

const config = JSON.parse(process.env['FLEET_MEMBER'] ?? '{}') as MemberConfig;

function send(message: MemberMessage): void {
  process.send?.(message);
}

function fingerprint(token: { accessToken: { reveal(): string } }): string {
  return createHash('sha256').update(token.accessToken.reveal()).digest('hex').slice(0, 12);
}

/** With FLEET_DEBUG set: every store call on stderr, with its time and outcome (no token, a fingerprint). */
function logged(raw: TokenStore): TokenStore {
  const log = (line: string) =>
    process.stderr.write(`[member ${process.env['FLEET_INDEX']} ${Date.now()}] ${line}\n`);
  return {
    async get(key) {
      const value = await raw.get(key);
      log(`get ${value ? fingerprint(value) : 'miss'}`);
      return value;
    },
    async set(key, token, ttl) {
      await raw.set(key, token, ttl);
      log(`set ${fingerprint(token)}`);
    },
    async lock(key, ttl) {
      const lock = await raw.lock?.(key, ttl);
      log(`lock ${lock ? 'taken' : 'held by another'}`);
      if (!lock) return undefined;
      const release = async () => {
        await lock.release();
        log('released');
      };
      return lock.renew
        ? { release, renew: (renewed: number) => lock.renew?.(renewed) ?? false }
        : { release };
    },
    delete: async (key, token) => raw.delete?.(key, token),
  };
}

/** Connects the configured client; errors are expected (the tests stop Redis) and only counted. */
async function connect(): Promise<{ store: TokenStore | undefined; close(): Promise<void> }> {
  const url = config.redisUrl ?? '';
  const keyPrefix = config.keyPrefix ?? 'fleet:';
  const { encryptionKey } = config;
  const storeOf = (redis: RedisClientLike) =>
    createRedisTokenStore(encryptionKey ? { redis, keyPrefix, encryptionKey } : { redis, keyPrefix });
  if (config.client === 'ioredis') {
    const { Redis } = await import('ioredis');
    const redis = new Redis(url);
    redis.on('error', () => undefined);
    return { store: storeOf(redis), close: async () => redis.disconnect() };
  }
  if (config.client === 'node-redis') {
    const { createClient } = await import('redis');
    const redis = createClient({ url }).on('error', () => undefined);
    await redis.connect();
    return { store: storeOf(redis), close: () => redis.close() };
  }
  if (config.client === 'node-redis-v4') {
    const { createClient } = await import('redis-v4');
    const redis = createClient({ url }).on('error', () => undefined);
    await redis.connect();
    return { store: storeOf(redis), close: () => redis.disconnect() };
  }
  return { store: undefined, close: async () => undefined };
}

const connected = await connect();
const { close } = connected;
const store = process.env['FLEET_DEBUG'] && connected.store ? logged(connected.store) : connected.store;

let storeErrors = 0;
const tokens = createTokenManager({
  tokenUrl: config.tokenUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  scope: config.scope,
  ...(store ? { store } : {}),
  ...config.manager,
  onStoreError: () => {
    storeErrors += 1;
  },
  fetch: (input, init) => {
    send({ type: 'token-request', at: Date.now() });
    return fetch(input, init);
  },
});

async function run(durationMs: number, loops: number, pauseMs: number): Promise<RunReport> {
  const end = performance.now() + durationMs;
  const sequence: string[] = [];
  let last = '';
  let calls = 0;
  let failures = 0;
  let slowestMs = 0;
  const before = tokens.stats;
  const loop = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      calls += 1;
      try {
        const token = await tokens.getToken();
        const text = token.accessToken.reveal();
        if (text !== last) {
          last = text;
          const print = fingerprint(token);
          if (!sequence.includes(print)) sequence.push(print);
        }
      } catch {
        failures += 1;
      }
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const after = tokens.stats;
  return {
    calls,
    failures,
    slowestMs,
    sequence,
    tokenRequests: after.tokenRequests - before.tokenRequests,
    waitsOnRefresh: after.waitsOnRefresh - before.waitsOnRefresh,
    storeErrors,
  };
}

async function answer(id: number, request: MemberRequest): Promise<MemberMessage | undefined> {
  switch (request.type) {
    case 'run':
      return { id, type: 'ran', report: await run(request.durationMs, request.loops, request.pauseMs) };
    case 'token': {
      const started = performance.now();
      const token = await tokens.getToken();
      return {
        id,
        type: 'token',
        fingerprint: fingerprint(token),
        ms: performance.now() - started,
        storeErrors,
      };
    }
    case 'invalidate': {
      const token = await tokens.getToken();
      return { id, type: 'invalidated', fingerprint: fingerprint(token), dropped: tokens.invalidate(token) };
    }
    case 'exit':
      await close();
      process.exit(0);
  }
}

process.on('message', (message: { id: number; request: MemberRequest }) => {
  answer(message.id, message.request).then(
    (reply) => reply && send(reply),
    (error: unknown) => send({ id: message.id, type: 'failed', message: String(error) }),
  );
});
// Stop with the test process, whatever becomes of it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
