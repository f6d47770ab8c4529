import { ConfigurationError } from '@bridgekit/errors';
import { objectOption } from '@bridgekit/http';
import type { AccessToken } from './access-token.js';

/** A value, or a promise of it: stores may answer synchronously (memory) or not (Redis). */
export type Awaitable<T> = T | Promise<T>;

/** A held lock; the manager releases it once the token is stored. */
export interface TokenStoreLock {
  /** Lets go of the lock, but only while this acquisition still holds it (compare-and-delete). */
  release(): Awaitable<void>;
  /**
  Optional: extends the lock to `ttlMs` from now, only while this acquisition still holds it;
  returns whether it did. The manager renews every third of the lease while its token request
  runs; without it, a request (with its retries) that outlives the lease lets another process
  take the lock over and fetch too.
  */
  renew?(ttlMs: number): Awaitable<boolean>;
}

/**
Where tokens are cached, so that a shared cache (Redis, a database) can replace the in-memory
default without changing the manager. Keys are built from the token URL, client id and scope,
never from a secret. The manager keeps its own copy of the current token for the hot path and
reads the store only when that copy is missing or due for a refresh.

A shared store holds `AccessToken` objects: serialise `accessToken.reveal()` and rebuild the
`Secret` with `new Secret(value)` when reading. `expiresAt` is on the writer's clock, so instances
that share a store should keep their clocks in sync (NTP).

The `get` and `lock` a `getToken()` waits for take one `storeTimeout` together at most, and a
poll of another holder what is left of it (see `TokenManagerOptions`); `set`, then `release`,
follow within a `storeTimeout` of their own, before the callers have their token. A call that takes longer, throws or rejects counts as a miss, no lock,
or a write that did not happen, so a store that is down or hangs slows token requests down but
never stops them; `onStoreError` hears of it once per outage. Anything `get` returns that is not
a valid token (a malformed entry) is a miss too.

@example
```
// A sketch on ioredis; @bridgekit/token-store-redis is a complete one (encryption, both clients).
const compareAndDelete = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const store: TokenStore = {
	async get(key) { return decode(await redis.get(key)); }, // anything unreadable: undefined
	async set(key, token, ttlMs) { await redis.set(key, encode(token), 'PX', Math.ceil(ttlMs)); },
	async lock(key, ttlMs) {
		// A lock key of its own, and a random owner per acquisition: release() must never free
		// the lock of a holder that took it over after this one's expired (a plain DEL would).
		const owner = crypto.randomUUID();
		const ok = await redis.set(`${key}:lock`, owner, 'PX', Math.ceil(ttlMs), 'NX');
		return ok ? {release: () => redis.eval(compareAndDelete, 1, `${key}:lock`, owner)} : undefined;
	},
	async delete(key, token) {
		// Compare-and-delete in one step, so that a newer token another process stored stays. With
		// encryption (a fresh IV per write), compare a keyed hash stored beside the ciphertext instead.
		await redis.eval(compareAndDelete, 1, key, encode(token));
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
  may each fetch a token when theirs runs out. `key` is the token's key: keep the lock under a
  key of its own (`${key}:lock`, in the same Redis Cluster slot), never the token's entry, and
  give each acquisition its own owner so that `release()` frees only its own lock. `ttlMs` is the
  lease: 3 s, or one token request (`timeout` plus `storeTimeout`) when that is shorter; the
  manager renews it every third of it (see `renew`) while its request runs, so a lock whose
  holder died expires within one lease.
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

function checkTtl(ttlMs: unknown): number {
  if (typeof ttlMs === 'number' && Number.isFinite(ttlMs) && ttlMs > 0) return ttlMs;
  throw new ConfigurationError({
    option: 'ttlMs',
    expected: 'a positive number of milliseconds',
    received: ttlMs,
  });
}

function checkToken(token: unknown): AccessToken {
  const secret = (token as Partial<AccessToken> | null | undefined)?.accessToken;
  if (typeof secret?.reveal === 'function') return token as AccessToken;
  throw new ConfigurationError({
    option: 'token',
    expected: 'an AccessToken from getToken()',
    received: token,
  });
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
  objectOption('options', options, ['now']);
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ConfigurationError({
      option: 'now',
      expected: 'a function returning epoch milliseconds',
      received: options.now,
    });
  }
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { readonly token: AccessToken; readonly until: number }>();
  const locks = new Map<string, { readonly owner: object; until: number }>();
  return {
    get(key) {
      const entry = tokens.get(key);
      if (entry && entry.until > now()) return entry.token;
      tokens.delete(key);
      return undefined;
    },
    set(key, token, ttlMs) {
      tokens.set(key, { token: checkToken(token), until: now() + checkTtl(ttlMs) });
    },
    delete(key, token) {
      const text = checkToken(token).accessToken.reveal();
      if (tokens.get(key)?.token.accessToken.reveal() === text) tokens.delete(key);
    },
    lock(key, ttlMs) {
      checkTtl(ttlMs);
      const held = locks.get(key);
      if (held !== undefined && held.until > now()) return undefined;
      const entry = { owner: {}, until: now() + ttlMs };
      locks.set(key, entry);
      const holds = () => locks.get(key)?.owner === entry.owner && entry.until > now();
      return {
        release() {
          if (locks.get(key)?.owner === entry.owner) locks.delete(key);
        },
        renew(renewedTtl) {
          if (!holds()) return false;
          entry.until = now() + renewedTtl;
          return true;
        },
      };
    },
  };
}
