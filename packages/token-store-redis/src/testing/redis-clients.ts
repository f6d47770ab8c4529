import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import type { RedisClientLike } from '../redis-client.js';

/** The clients the store supports, as a test connects them. */
export type ClientKind = 'node-redis' | 'node-redis-v4' | 'ioredis';

/** A connected client plus what the tests need beside the store: raw commands and a way out. */
export interface TestClient {
  readonly kind: ClientKind;
  readonly redis: RedisClientLike;
  /** Sends any command, as strings; answers as the client gives them. */
  command(...args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Connects a client of `kind` to `url`; connection errors (Redis stopped by a test) are ignored. */
export async function connectClient(kind: ClientKind, url: string): Promise<TestClient> {
  if (kind === 'ioredis') {
    const redis = new Redis(url);
    redis.on('error', () => undefined);
    await redis.ping();
    return {
      kind,
      redis,
      command: (...args) => redis.call(args[0] ?? 'PING', ...args.slice(1)),
      close: async () => redis.disconnect(),
    };
  }
  if (kind === 'node-redis') {
    const redis = createClient({ url }).on('error', () => undefined);
    await redis.connect();
    return { kind, redis, command: (...args) => redis.sendCommand(args), close: () => redis.close() };
  }
  const redis = createClientV4({ url }).on('error', () => undefined);
  await redis.connect();
  return { kind, redis, command: (...args) => redis.sendCommand(args), close: () => redis.disconnect() };
}
