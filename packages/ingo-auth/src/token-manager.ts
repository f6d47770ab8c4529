import { type BridgekitError, ConfigurationError, type Secret } from '@bridgekit/errors';
import type { AccessToken } from './access-token.js';
import type {
  GetTokenOptions,
  TokenFetchedEvent,
  TokenManagerOptions,
  TokenManagerStats,
} from './token-manager-options.js';
import { asBridgekitError, requestToken } from './token-request.js';
import { resolveTokenSettings } from './token-settings.js';
import {
  type Awaitable,
  createMemoryTokenStore,
  type TokenStore,
  type TokenStoreLock,
} from './token-store.js';
import { callerAborted, type Settled, settleWithin, sleep, untilAborted } from './waiting.js';

/** What the Ingo client needs from a token provider; a `TokenManager` is one. */
export interface TokenSource {
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /** Drops the cached token if it is still this one; returns whether it did. */
  invalidate(accessToken: string | Secret | AccessToken): boolean;
}

/** What `createTokenManager` returns. */
export interface TokenManager extends TokenSource {
  /**
  A valid token: from the cache at once while it is fresh; the cached one at once (plus one
  background refresh) once it is due for a refresh; otherwise after one shared token request,
  however many callers wait.
  */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /** `'Bearer <token>'`, for an `Authorization` header. */
  getAuthorizationHeader(options?: GetTokenOptions): Promise<string>;
  /**
  Compare-and-swap: drops the cached token only if it is still `accessToken` (call it with the
  token a 401 answered), so any number of concurrent 401s cause one refresh. Returns whether a
  token was dropped. When the store has `delete`, the token is removed from it too (only while it
  still holds that token), so that managers sharing the store do not pick it up.
  */
  invalidate(accessToken: string | Secret | AccessToken): boolean;
  /** A snapshot of the counters; see {@link TokenManagerStats}. */
  readonly stats: TokenManagerStats;
  /** The default scope. */
  readonly scope: string;
  /** The token endpoint in use. */
  readonly tokenUrl: string;
  readonly clientId: string;
}

interface CachedToken {
  readonly token: AccessToken;
  /** Resolved once and handed to every cache hit, so a hit allocates nothing. */
  readonly ready: Promise<AccessToken>;
  readonly refreshAt: number;
}

/** Everything the manager keeps for one scope. */
interface Slot {
  readonly scope: string;
  readonly key: string;
  current: CachedToken | undefined;
  flight: Promise<AccessToken> | undefined;
  obtainedBefore: boolean;
  consecutiveFailures: number;
  failedAt: number;
  /** The last token invalidated, so that a shared store cannot hand it back. */
  invalidated: string | undefined;
}

type Counters = { -readonly [Name in keyof TokenManagerStats]: number };

/** A lock held in the store, or `'unsupported'`: fetch without one (no `lock`, or it failed). */
type HeldLock = TokenStoreLock | 'unsupported';

const storePollInterval = 50;

function ignoreErrors(callback: () => void): void {
  try {
    callback();
  } catch {
    // Observability hooks must never break token handling.
  }
}

function tokenText(value: string | Secret | AccessToken): string {
  if (typeof value === 'string') return value;
  return 'accessToken' in value ? value.accessToken.reveal() : value.reveal();
}

/**
Creates an OAuth2 client credentials token manager for Ingo: cached tokens, one request however
many callers wait, refresh ahead of expiry without blocking anyone, retries with backoff, and
secrets that never show up in errors or logs.

@example
```
import {createTokenManager, ingoScopes} from '@bridgekit/ingo-auth';

const tokens = createTokenManager({
	environment: 'uat',
	clientId: process.env.INGO_CLIENT_ID,
	clientSecret: process.env.INGO_CLIENT_SECRET,
	scope: ingoScopes.identityScore,
});
const header = await tokens.getAuthorizationHeader(); // 'Bearer eyJ...'
```
*/
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const settings = resolveTokenSettings(options);
  const { now, random, retry } = settings;
  const store: TokenStore = options.store ?? createMemoryTokenStore({ now });
  const lockTtl = settings.timeout * retry.attempts + retry.maxBackoff * retry.attempts;
  const counters: Counters = {
    calls: 0,
    cacheHits: 0,
    waits: 0,
    waitsOnRefresh: 0,
    tokenRequests: 0,
    retries: 0,
    tokensFetched: 0,
    backgroundRefreshes: 0,
    storeHits: 0,
    failures: 0,
    invalidations: 0,
  };
  const slots = new Map<string, Slot>();

  const slotFor = (scope: string): Slot => {
    const parts = [...new Set(scope.trim().split(/\s+/))];
    const sortedScope = [...parts].sort().join(' ');
    let slot = slots.get(sortedScope);
    if (!slot) {
      slot = {
        scope: parts.join(' '),
        // Token URL, client id and scope: never a secret, so a shared store may log its keys.
        key: `ingo-token:${JSON.stringify([settings.tokenUrl, settings.clientId, sortedScope])}`,
        current: undefined,
        flight: undefined,
        obtainedBefore: false,
        consecutiveFailures: 0,
        failedAt: 0,
        invalidated: undefined,
      };
      slots.set(sortedScope, slot);
    }
    return slot;
  };
  const defaultSlot = slotFor(settings.scope);

  // Removes a refused token from a shared store. Not awaited: invalidate() answers at once, and a
  // store that fails only leaves the token there until it expires.
  const forget = (key: string, token: AccessToken): void => {
    if (!store.delete) return;
    try {
      Promise.resolve(store.delete(key, token)).catch(() => undefined);
    } catch {
      // As above: a store that throws must not break invalidate().
    }
  };

  const refreshPoint = (token: AccessToken): number => {
    const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
    const ahead = settings.refreshAhead ?? Math.min(60_000, lifetime * 0.1);
    const jitter = settings.refreshJitter ?? Math.min(10_000, ahead / 2);
    return token.expiresAt - Math.min(ahead + random() * jitter, lifetime / 2);
  };

  const adopt = (slot: Slot, token: AccessToken, refreshAt = refreshPoint(token)): void => {
    slot.current = { token, ready: Promise.resolve(token), refreshAt };
    slot.obtainedBefore = true;
    slot.invalidated = undefined;
  };

  // A store that fails or hangs (Redis down) must not stop token requests: each call gets
  // `storeTimeout`, and an error or a timeout counts as a miss, no lock or a lost write.
  const storeCall = <T>(operation: () => Awaitable<T>): Promise<Settled<T>> =>
    settleWithin(Promise.resolve().then(operation), settings.storeTimeout);

  const storeGet = async (key: string): Promise<AccessToken | undefined> => {
    const outcome = await storeCall(() => store.get(key));
    return outcome.status === 'fulfilled' ? outcome.value : undefined;
  };

  const adoptFromStore = async (slot: Slot): Promise<AccessToken | undefined> => {
    const stored = await storeGet(slot.key);
    if (!stored) return undefined;
    const text = stored.accessToken.reveal();
    if (text === slot.invalidated || text === slot.current?.token.accessToken.reveal()) return undefined;
    const refreshAt = refreshPoint(stored);
    if (now() >= refreshAt) return undefined;
    adopt(slot, stored, refreshAt);
    counters.storeHits += 1;
    return stored;
  };

  /** A lock, `'unsupported'` (fetch without one) or undefined (another holder has it). */
  const takeLock = async (key: string): Promise<HeldLock | undefined> => {
    if (!store.lock) return 'unsupported';
    const taking = Promise.resolve().then(() => store.lock?.(key, lockTtl));
    const outcome = await storeCall(() => taking);
    if (outcome.status === 'fulfilled') return outcome.value;
    if (outcome.status === 'timed-out') {
      // Granted after we stopped waiting, it would hold every other process back until its ttl.
      taking.then((late) => late?.release()).catch(() => undefined);
    }
    return 'unsupported';
  };

  const releaseLock = async (lock: HeldLock): Promise<void> => {
    // A release that fails or hangs is left to the lock's ttl.
    if (lock !== 'unsupported') await storeCall(() => lock.release());
  };

  /**
  Another holder is fetching: wait for its token to appear in the store, or for its lock to go
  (a holder that failed releases it without storing anything) and fetch under the lock then, for
  one timeout at most; after that, fetch without the lock.
  */
  const awaitOtherHolder = async (slot: Slot): Promise<{ token: AccessToken } | { lock: HeldLock }> => {
    // Wall-clock time, not `now`: an injected clock may stand still.
    const deadline = performance.now() + settings.timeout;
    while (performance.now() < deadline) {
      await sleep(storePollInterval);
      const stored = await adoptFromStore(slot);
      if (stored) return { token: stored };
      const lock = await takeLock(slot.key);
      if (lock === undefined) continue;
      // The holder may have stored its token and let go between the read above and the lock.
      const late = await adoptFromStore(slot);
      if (late) {
        await releaseLock(lock);
        return { token: late };
      }
      return { lock };
    }
    return { lock: 'unsupported' };
  };

  const cooldownLeft = (slot: Slot): number => {
    if (slot.consecutiveFailures === 0) return 0;
    const { cooldown, maxBackoff } = retry;
    const wait = Math.min(cooldown * 2 ** (slot.consecutiveFailures - 1), Math.max(cooldown, maxBackoff));
    return slot.failedAt + wait - now();
  };

  const fetchAndStore = async (slot: Slot, background: boolean): Promise<AccessToken> => {
    const started = performance.now();
    const { parsed, attempts } = await requestToken(settings, slot.scope, counters);
    const { token } = parsed;
    // A write that fails or hangs: the token still serves this process, only sharing it failed.
    await storeCall(() => store.set(slot.key, token, Math.max(1, token.expiresAt - now())));
    adopt(slot, token);
    counters.tokensFetched += 1;
    const event: TokenFetchedEvent = {
      expiresAt: token.expiresAt,
      durationMs: performance.now() - started,
      scope: token.scope,
      attempts,
      background,
      clockSkew: parsed.clockSkew,
    };
    if (options.onTokenFetched) ignoreErrors(() => options.onTokenFetched?.(event));
    return token;
  };

  const runFlight = async (slot: Slot, background: boolean): Promise<AccessToken> => {
    try {
      await sleep(cooldownLeft(slot));
      const stored = await adoptFromStore(slot);
      if (stored) return stored;
      let lock = await takeLock(slot.key);
      if (lock === undefined) {
        const waited = await awaitOtherHolder(slot);
        if ('token' in waited) return waited.token;
        lock = waited.lock;
      }
      try {
        const token = await fetchAndStore(slot, background);
        slot.consecutiveFailures = 0;
        return token;
      } finally {
        await releaseLock(lock);
      }
    } catch (caught) {
      const error: BridgekitError = asBridgekitError(caught);
      slot.consecutiveFailures += 1;
      slot.failedAt = now();
      counters.failures += 1;
      if (options.onTokenError) ignoreErrors(() => options.onTokenError?.(error));
      throw error;
    }
  };

  const startFlight = (slot: Slot, background: boolean): Promise<AccessToken> => {
    if (background) counters.backgroundRefreshes += 1;
    const flight: Promise<AccessToken> = runFlight(slot, background).finally(() => {
      if (slot.flight === flight) slot.flight = undefined;
    });
    slot.flight = flight;
    // A background refresh has no caller to see its failure (onTokenError reports it): never unhandled.
    flight.catch(() => undefined);
    return flight;
  };

  const getToken = (call: GetTokenOptions = {}): Promise<AccessToken> => {
    counters.calls += 1;
    if (call.scope !== undefined && (typeof call.scope !== 'string' || call.scope.trim() === '')) {
      return Promise.reject(
        new ConfigurationError({ option: 'scope', expected: 'a non-empty string', received: call.scope }),
      );
    }
    if (call.signal?.aborted) return Promise.reject(callerAborted(call.signal, 'getToken()'));
    const slot = call.scope === undefined ? defaultSlot : slotFor(call.scope);
    const current = slot.current;
    if (current !== undefined && call.forceRefresh !== true) {
      const time = now();
      if (time < current.refreshAt) {
        counters.cacheHits += 1;
        return current.ready;
      }
      if (time < current.token.expiresAt) {
        // Stale-while-refresh: this caller gets the still-valid token now; one request replaces it.
        counters.cacheHits += 1;
        if (slot.flight === undefined) startFlight(slot, true);
        return current.ready;
      }
      slot.current = undefined;
    }
    counters.waits += 1;
    if (slot.obtainedBefore) counters.waitsOnRefresh += 1;
    return untilAborted(slot.flight ?? startFlight(slot, false), call.signal, 'getToken()');
  };

  return {
    getToken,
    async getAuthorizationHeader(call?: GetTokenOptions): Promise<string> {
      const token = await getToken(call);
      return `${token.tokenType} ${token.accessToken.reveal()}`;
    },
    invalidate(accessToken: string | Secret | AccessToken): boolean {
      const text = tokenText(accessToken);
      let dropped = false;
      for (const slot of slots.values()) {
        const current = slot.current?.token;
        if (current?.accessToken.reveal() !== text) continue;
        forget(slot.key, current);
        slot.current = undefined;
        slot.invalidated = text;
        counters.invalidations += 1;
        dropped = true;
      }
      return dropped;
    },
    get stats(): TokenManagerStats {
      return Object.freeze({ ...counters });
    },
    scope: defaultSlot.scope,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
  };
}
