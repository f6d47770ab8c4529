import { ConfigurationError, revealSecretOption, type Secret } from '@bridgekit/errors';
import type { RedisClientLike } from './redis-client.js';

/** Options of `createRedisTokenStore`. */
export interface RedisTokenStoreOptions {
  /**
  A connected client: node-redis v4 or later (`createClient()`, `createCluster()`) or ioredis
  (`new Redis()`, `new Redis.Cluster()`). It stays yours: the store never connects, quits or
  listens to it. Give it an `error` listener (node-redis crashes the process without one).
  @example await createClient({url: process.env.REDIS_URL}).on('error', log).connect()
  */
  readonly redis: RedisClientLike;
  /**
  Put before every key: `<keyPrefix>{<hash>}:token` and `<keyPrefix>{<hash>}:lock`.
  @default 'bridgekit:'
  @example 'screening-service:'
  */
  readonly keyPrefix?: string;
  /**
  Encrypts every stored token with AES-256-GCM (key derived with HKDF-SHA-256, a fresh IV per
  write, the key name authenticated), so that a Redis dump, `MONITOR` or a replica never shows a
  token. At least 32 characters; every instance of the fleet needs the same one. Without it,
  tokens are stored in the clear. A list rotates keys without a flush: the first encrypts, every
  one decrypts, and each stored value names its key's id.
  @default undefined (tokens in the clear)
  @example process.env.TOKEN_CACHE_KEY
  @example [process.env.TOKEN_CACHE_KEY, process.env.OLD_TOKEN_CACHE_KEY]
  */
  readonly encryptionKey?: string | Secret | readonly (string | Secret)[];
}

/** @internal The options, checked. */
export interface RedisTokenStoreSettings {
  readonly redis: unknown;
  readonly keyPrefix: string;
  readonly encryptionKeys: readonly string[] | undefined;
}

const minimumKeyLength = 32;

function encryptionKeyFrom(value: unknown, option: string): string {
  // An empty key is most often an unset environment variable: say so, rather than only "non-empty".
  const key = value === '' ? '' : revealSecretOption(value, option);
  if (key.length >= minimumKeyLength) return key;
  throw new ConfigurationError({
    option,
    expected: `a string or Secret of at least ${minimumKeyLength} characters`,
    received: key,
    hint:
      'Generate one with `openssl rand -base64 33`; every instance sharing the store needs the same key. ' +
      'Leave encryptionKey out to store tokens in the clear.',
  });
}

/** One key or a list of them (the first encrypts); an empty list is refused, not read as none. */
function encryptionKeysFrom(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return [encryptionKeyFrom(value, 'encryptionKey')];
  if (value.length === 0) {
    throw new ConfigurationError({
      option: 'encryptionKey',
      expected: 'a key, or a list of at least one (the first encrypts, every one decrypts)',
    });
  }
  return value.map((key, index) => encryptionKeyFrom(key, `encryptionKey[${index}]`));
}

/** @internal Checks the options; messages name the option and never repeat a key. */
export function resolveStoreOptions(options: RedisTokenStoreOptions): RedisTokenStoreSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: 'an object with `redis`',
      received: options,
    });
  }
  const keyPrefix = options.keyPrefix ?? 'bridgekit:';
  if (typeof keyPrefix !== 'string') {
    throw new ConfigurationError({ option: 'keyPrefix', expected: 'a string', received: keyPrefix });
  }
  return { redis: options.redis, keyPrefix, encryptionKeys: encryptionKeysFrom(options.encryptionKey) };
}
