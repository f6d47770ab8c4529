import { deleteToken, releaseLock, renewLock, setToken, takeLock } from './lua-scripts.js';
import { redisCommands } from './redis-client.js';
import { type RedisTokenStoreOptions, resolveStoreOptions } from './redis-token-store-options.js';
import { keyNamer } from './store-keys.js';
import { decodeToken, encodeToken, type StoredToken, type TokenToStore } from './stored-token.js';
import { toBase64Url } from './token-encryption.js';
import { createTokenKeyring } from './token-keyring.js';

/** A lock held in Redis by one acquisition (a random owner). */
export interface RedisTokenStoreLock {
  /** Deletes the lock, only while this acquisition still owns it (compare-and-delete in Lua). */
  release(): Promise<void>;
  /** Extends the lock to `ttlMs` from now while this acquisition still owns it; returns whether it did. */
  renew(ttlMs: number): Promise<boolean>;
}

/** What `createRedisTokenStore` returns: a `TokenStore` of `@bridgekit/ingo-auth`, all four methods. */
export interface RedisTokenStore {
  /** The token stored under the manager's `key`; undefined when none, expired, or not readable (another key, tampering). */
  get(key: string): Promise<StoredToken | undefined>;
  /** Stores `token` for `ttlMs` (its remaining lifetime), unless Redis holds one that expires later. */
  set(key: string, token: TokenToStore, ttlMs: number): Promise<void>;
  /** `SET <lock key> <random owner> NX PX ttlMs`: the lock, or undefined while another holder has it. */
  lock(key: string, ttlMs: number): Promise<RedisTokenStoreLock | undefined>;
  /** Deletes the stored token only while it is still `token` (its keyed hash is compared in Lua). */
  delete(key: string, token: TokenToStore): Promise<void>;
}

function milliseconds(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs)));
}

function randomOwner(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
A Redis `TokenStore` for `@bridgekit/ingo-auth`'s token manager, so that a whole fleet shares one
token: one token request per expiry instead of one per instance. Takes a node-redis (v4 or later)
or an ioredis client, typed by shape: neither is a dependency.

@example
```
import {createTokenManager} from '@bridgekit/ingo-auth';
import {createRedisTokenStore} from '@bridgekit/token-store-redis';
import {createClient} from 'redis';

const redis = await createClient({url: process.env.REDIS_URL}).on('error', console.error).connect();
const tokens = createTokenManager({
	...options,
	store: createRedisTokenStore({redis, encryptionKey: process.env.TOKEN_CACHE_KEY}),
});
```
*/
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  const settings = resolveStoreOptions(options);
  const redis = redisCommands(settings.redis);
  const keysFor = keyNamer(settings.keyPrefix);
  const keyring = createTokenKeyring(settings.encryptionKeys);

  return {
    async get(key) {
      const { token } = await keysFor(key);
      return decodeToken(keyring, token, await redis.get(token));
    },
    async set(key, token, ttlMs) {
      const keys = await keysFor(key);
      const encoded = await encodeToken(keyring, keys.token, token);
      await redis.run(
        setToken,
        [keys.token],
        [encoded.value, String(encoded.expiresAt), milliseconds(ttlMs)],
      );
    },
    async lock(key, ttlMs) {
      const { lock } = await keysFor(key);
      const owner = randomOwner();
      const taken = await redis.run(takeLock, [lock], [owner, milliseconds(ttlMs)]);
      if (Number(taken) !== 1) return undefined;
      return {
        async release() {
          await redis.run(releaseLock, [lock], [owner]);
        },
        async renew(renewedTtl) {
          return Number(await redis.run(renewLock, [lock], [owner, milliseconds(renewedTtl)])) === 1;
        },
      };
    },
    async delete(key, token) {
      const keys = await keysFor(key);
      await redis.run(deleteToken, [keys.token], await keyring.hashes(token.accessToken.reveal()));
    },
  };
}
