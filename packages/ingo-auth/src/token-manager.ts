import { asyncDispose, Closing, callerAborted, untilAborted } from '@bridgekit/http';
import type { AccessToken } from './access-token.js';
import { assertGetTokenOptions, checkStore, noOptions } from './assertions.js';
import { freshness } from './refresh-policy.js';
import { SharedStore } from './shared-store.js';
import { TokenCache, type TokenSlot } from './token-cache.js';
import { TokenManagerCounters } from './token-manager-counters.js';
import type { GetTokenOptions, TokenManagerOptions, TokenManagerStats } from './token-manager-options.js';
import { TokenRefresher } from './token-refresher.js';
import { resolveTokenSettings } from './token-settings.js';
import { type TokenManager, tokenText } from './token-source.js';
import { createMemoryTokenStore } from './token-store.js';

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
  const closing = new Closing('The token manager');
  const counters = new TokenManagerCounters();
  const cache = new TokenCache(settings);
  const shared = { shared: options.store !== undefined, onStoreError: options.onStoreError, closing };
  const given = checkStore(options.store) ?? createMemoryTokenStore({ now: settings.now });
  const store = new SharedStore(given, settings, cache, counters, shared);
  const refresher = new TokenRefresher(settings, { cache, store, counters, hooks: options, closing });
  const defaultSlot = cache.slot(settings.scope);

  /** `time`: the clock, when the caller has read it already. */
  const fromSlot = (slot: TokenSlot, call: GetTokenOptions, time = settings.now()): Promise<AccessToken> => {
    const held = slot.current;
    const state = held ? freshness(held, time) : 'expired';
    if (held && state !== 'expired' && call.forceRefresh !== true) {
      counters.hit();
      // Stale-while-refresh: a token due for a refresh is served while one request replaces it.
      if (state === 'due' && !slot.flight) refresher.start(slot, true);
      // Another process may have replaced this token (its invalidate(), its refresh): look, behind the caller.
      else if (store.checksStore && !slot.flight) store.checkWhenDue(slot, time);
      return held.ready;
    }
    if (held && state === 'expired') cache.expire(slot);
    counters.wait(slot.obtainedBefore);
    return untilAborted(slot.flight ?? refresher.start(slot, false), call.signal, 'getToken()');
  };

  const getToken = (call?: GetTokenOptions): Promise<AccessToken> => {
    // A call without options that the cache answers fresh (before its refresh point, `freshness()`
    // written out: `pnpm bench` sees the call) skips the checks; a closed manager holds no token.
    const held = call === undefined && !store.checksStore ? defaultSlot.current : undefined;
    if (held) {
      const time = settings.now();
      if (time >= held.refreshAt) return fromSlot(defaultSlot, noOptions, time);
      counters.hit();
      return held.ready;
    }
    try {
      const checked = assertGetTokenOptions(call);
      const refused =
        closing.error ?? (checked.signal?.aborted && callerAborted(checked.signal, 'getToken()'));
      if (refused) throw refused;
      return fromSlot(checked.scope === undefined ? defaultSlot : cache.slot(checked.scope), checked);
    } catch (error) {
      counters.refusedCall();
      return Promise.reject(error);
    }
  };

  const close = (): Promise<void> => {
    cache.close();
    return closing.close();
  };

  return {
    getToken,
    async getAuthorizationHeader(call?: GetTokenOptions): Promise<string> {
      const token = await getToken(call);
      return `${token.tokenType} ${token.accessToken.reveal()}`;
    },
    invalidate: (accessToken) => store.forget(tokenText(accessToken)),
    close,
    [asyncDispose]: close,
    get stats(): TokenManagerStats {
      return counters.snapshot();
    },
    scope: defaultSlot.scope,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
  };
}
