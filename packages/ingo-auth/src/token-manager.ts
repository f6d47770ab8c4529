import { ConfigurationError, type Secret } from '@bridgekit/errors';
import { callerAborted, untilAborted } from '@bridgekit/http';
import type { AccessToken } from './access-token.js';
import { assertGetTokenOptions, checkStore, noOptions } from './assertions.js';
import { StoreCoordination } from './store-coordination.js';
import { TokenManagerCounters } from './token-manager-counters.js';
import type { GetTokenOptions, TokenManagerOptions, TokenManagerStats } from './token-manager-options.js';
import { TokenRefresher } from './token-refresher.js';
import { resolveTokenSettings } from './token-settings.js';
import { type TokenSlot, TokenSlots } from './token-slot.js';
import { createMemoryTokenStore } from './token-store.js';

/** What the Ingo client needs from a token provider; a `TokenManager` is one. */
export interface TokenSource {
  /** A valid access token, fetched or cached by the source. */
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
  still holds that token), so that managers sharing the store do not pick it up; they adopt the
  token fetched next from the store within `storeCheckInterval`, without a 401 of their own.
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

function tokenText(value: string | Secret | AccessToken): string {
  if (typeof value === 'string') return value;
  const source =
    typeof value === 'object' && value !== null && 'accessToken' in value ? value.accessToken : value;
  const revealed =
    typeof (source as Partial<Secret> | null)?.reveal === 'function'
      ? (source as Secret).reveal()
      : undefined;
  if (typeof revealed === 'string') return revealed;
  throw new ConfigurationError({
    option: 'accessToken',
    expected: 'the token to drop: a string, a Secret or an AccessToken from getToken()',
    received: value,
  });
}

/** Drops the token `text` from every slot that holds it, and from the store; whether any did. */
function dropEverywhere(
  text: string,
  slots: TokenSlots,
  store: StoreCoordination,
  counters: TokenManagerCounters,
): boolean {
  let dropped = false;
  for (const slot of slots.values()) {
    const token = slot.drop(text);
    if (token === undefined) continue;
    store.forget(slot, token);
    counters.invalidation();
    dropped = true;
  }
  return dropped;
}

/** The options of a call that passed none: shared, so that a cache hit allocates nothing. */

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
  const counters = new TokenManagerCounters();
  const store = new StoreCoordination(
    checkStore(options.store) ?? createMemoryTokenStore({ now: settings.now }),
    settings,
    counters,
    { shared: options.store !== undefined, onStoreError: options.onStoreError },
  );
  const refresher = new TokenRefresher(settings, store, counters, options);
  const slots = new TokenSlots(settings);
  const defaultSlot = slots.for(settings.scope);

  /** `time`: the clock, when the caller has read it already. */
  const fromSlot = (slot: TokenSlot, call: GetTokenOptions, time?: number): Promise<AccessToken> => {
    const current = slot.current;
    if (current !== undefined && call.forceRefresh !== true) {
      time ??= settings.now();
      if (time < current.refreshAt) {
        counters.hit();
        // Another process may have replaced this token (its invalidate(), its refresh): look, behind the caller.
        if (store.checksStore && slot.flight === undefined) store.checkWhenDue(slot, time);
        return current.ready;
      }
      if (time < current.token.expiresAt) {
        // Stale-while-refresh: this caller gets the still-valid token now; one request replaces it.
        counters.hit();
        if (slot.flight === undefined) refresher.start(slot, true);
        return current.ready;
      }
      slot.current = undefined;
    }
    counters.wait(slot.obtainedBefore);
    return untilAborted(slot.flight ?? refresher.start(slot, false), call.signal, 'getToken()');
  };

  const getToken = (options?: GetTokenOptions): Promise<AccessToken> => {
    // A call without options that the cache answers skips the checks: a hit should cost little
    // more than its clock read. Anything else about the token is fromSlot's, with that reading.
    const held = options === undefined && !store.checksStore ? defaultSlot.current : undefined;
    if (held !== undefined) {
      const time = settings.now();
      if (time < held.refreshAt) {
        counters.hit();
        return held.ready;
      }
      return fromSlot(defaultSlot, noOptions, time);
    }
    let call: GetTokenOptions;
    try {
      call = assertGetTokenOptions(options);
    } catch (error) {
      counters.refusedCall();
      return Promise.reject(error);
    }
    if (call.signal?.aborted) {
      counters.refusedCall();
      return Promise.reject(callerAborted(call.signal, 'getToken()'));
    }
    return fromSlot(call.scope === undefined ? defaultSlot : slots.for(call.scope), call);
  };

  return {
    getToken,
    async getAuthorizationHeader(call?: GetTokenOptions): Promise<string> {
      const token = await getToken(call);
      return `${token.tokenType} ${token.accessToken.reveal()}`;
    },
    invalidate: (accessToken: string | Secret | AccessToken): boolean =>
      dropEverywhere(tokenText(accessToken), slots, store, counters),
    get stats(): TokenManagerStats {
      return counters.snapshot();
    },
    scope: defaultSlot.scope,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
  };
}
