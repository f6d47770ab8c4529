export type { IoRedisClientLike, NodeRedisClientLike, RedisClientLike } from './redis-client.js';
export {
  createRedisTokenStore,
  type RedisTokenStore,
  type RedisTokenStoreLock,
} from './redis-token-store.js';
export type { RedisTokenStoreOptions } from './redis-token-store-options.js';
export type { StoredToken, TokenToStore } from './stored-token.js';
