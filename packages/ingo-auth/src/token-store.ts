import type { AccessToken } from './access-token.js';

/** A value, or a promise of it: stores may answer synchronously (memory) or not (Redis). */
export type Awaitable<T> = T | Promise<T>;

/** A held lock; release it once the token is stored. */
export interface TokenStoreLock {
  release(): Awaitable<void>;
}

/**
Where tokens are cached, so that a shared cache (Redis, a database) can replace the in-memory
default without changing the manager. Keys are built from the token URL, client id and scope,
never from a secret. The manager keeps its own copy of the current token for the hot path and
reads the store only when that copy is missing or due for a refresh.

A shared store holds `AccessToken` objects: serialise `accessToken.reveal()` and rebuild the
`Secret` with `new Secret(value)` when reading. `expiresAt` is on the writer's clock, so instances
that share a store should keep their clocks in sync (NTP).

Every call is awaited for `storeTimeout` milliseconds at most (see `TokenManagerOptions`); a call
that takes longer, throws or rejects counts as a miss, no lock, or a write that did not happen, so
a store that is down or hangs slows token requests down but never stops them.

@example
```
const store: TokenStore = {
	async get(key) { return decode(await redis.get(key)); },
	async set(key, token, ttlMs) { await redis.set(key, encode(token), 'PX', ttlMs); },
	async lock(key, ttlMs) {
		const ok = await redis.set(`${key}:lock`, '1', 'PX', ttlMs, 'NX');
		return ok ? {release: () => redis.del(`${key}:lock`)} : undefined;
	},
	async delete(key, token) {
		// Compare-and-delete in one step (a Lua script), so that a newer token stays.
		await redis.eval(deleteIfSame, 1, key, encode(token));
	},
};
```
*/
export interface TokenStore {
  /** The stored token, or undefined when there is none (or it expired). */
  get(key: string): Awaitable<AccessToken | undefined>;
  /** Stores a token for `ttlMs` milliseconds (until it expires). */
  set(key: string, token: AccessToken, ttlMs: number): Awaitable<void>;
  /**
  Optional: takes a lock for `ttlMs` milliseconds so that only one process fetches a token at a
  time; returns undefined when another holder has it. Without it, processes sharing the store
  may each fetch a token when theirs runs out.
  */
  lock?(key: string, ttlMs: number): Awaitable<TokenStoreLock | undefined>;
  /**
  Optional: removes the token stored under `key`, but only while it is still `token` (compare
  `accessToken.reveal()`), so that a newer token another process stored meanwhile stays.
  `invalidate()` calls it, so that managers sharing the store stop picking up a token an API
  refused. Without it, they keep using that token until they get their own 401, or it expires.
  */
  delete?(key: string, token: AccessToken): Awaitable<void>;
}

/** Options of {@link createMemoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /**
  The clock that entries expire by, in epoch milliseconds.
  @default Date.now
  @example () => clock.now()
  */
  readonly now?: () => number;
}

/**
The default store: a `Map` in this process, with expiry, locks and compare-and-delete. Every
manager gets its own unless you pass one to several managers, which then share tokens, fetch one
at a time and see each other's `invalidate()`.

@example
```
const store = createMemoryTokenStore();
const a = createTokenManager({...options, store});
const b = createTokenManager({...options, store}); // reuses a's token
```
*/
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { readonly token: AccessToken; readonly until: number }>();
  const locks = new Map<string, number>();
  return {
    get(key) {
      const entry = tokens.get(key);
      if (entry && entry.until > now()) return entry.token;
      tokens.delete(key);
      return undefined;
    },
    set(key, token, ttlMs) {
      tokens.set(key, { token, until: now() + ttlMs });
    },
    delete(key, token) {
      if (tokens.get(key)?.token.accessToken.reveal() === token.accessToken.reveal()) tokens.delete(key);
    },
    lock(key, ttlMs) {
      const heldUntil = locks.get(key);
      if (heldUntil !== undefined && heldUntil > now()) return undefined;
      const until = now() + ttlMs;
      locks.set(key, until);
      return {
        release() {
          if (locks.get(key) === until) locks.delete(key);
        },
      };
    },
  };
}
