import { type BridgekitError, isBridgekitError, NetworkError } from '@bridgekit/errors';
import { type Closing, callHook, sleep } from '@bridgekit/http';
import type { AccessToken } from './access-token.js';
import type { SharedStore } from './shared-store.js';
import type { TokenCache, TokenSlot } from './token-cache.js';
import type { TokenManagerCounters } from './token-manager-counters.js';
import type { TokenFetchedEvent, TokenManagerOptions } from './token-manager-options.js';
import { requestToken } from './token-request.js';
import type { TokenSettings } from './token-settings.js';

/** @internal What a refresher works with besides the settings. */
export interface RefresherParts {
  readonly cache: TokenCache;
  readonly store: SharedStore;
  readonly counters: TokenManagerCounters;
  readonly hooks: Pick<TokenManagerOptions, 'onTokenFetched' | 'onTokenError'>;
  /** The manager's: the cooldown, the wait for another holder and the token request stop at `close()`. */
  readonly closing: Closing;
}

/**
@internal Runs token requests: one flight per slot however many callers wait, after the cooldown
of earlier failures, inside the shared-store protocol, in the foreground or as a background
refresh ahead of expiry.
*/
export class TokenRefresher {
  readonly #settings: TokenSettings;
  readonly #parts: RefresherParts;

  constructor(settings: TokenSettings, parts: RefresherParts) {
    this.#settings = settings;
    this.#parts = parts;
  }

  /** Starts the slot's flight; `background` when callers keep using the cached token meanwhile. */
  start(slot: TokenSlot, background: boolean): Promise<AccessToken> {
    if (background) {
      this.#parts.counters.add('backgroundRefreshes');
      const expiresInMs = (slot.current?.token.expiresAt ?? 0) - this.#settings.now();
      this.#settings.log.write('info', 'token refresh ahead', { scope: slot.scope, expiresInMs });
    }
    const flight = this.#parts.closing.track(this.#parts.cache.fly(slot, this.#run(slot, background)));
    // A background refresh has no caller to see its failure (onTokenError reports it): never unhandled.
    flight.catch(() => undefined);
    return flight;
  }

  async #run(slot: TokenSlot, background: boolean): Promise<AccessToken> {
    const { cache, store, counters, hooks } = this.#parts;
    const { signal } = this.#parts.closing;
    try {
      await sleep(cache.cooldownLeft(slot), signal);
      const token = await store.obtain(slot, (storeTime) => this.#fetch(slot, background, storeTime));
      // Closed while the token was on its way: the callers hear so, as from any other call.
      if (signal.aborted) throw signal.reason;
      return token;
    } catch (caught) {
      // Closed: the callers get the closing AbortError; nothing failed that hooks should hear of.
      if (signal.aborted) throw signal.reason;
      const error: BridgekitError = isBridgekitError(caught)
        ? caught
        : new NetworkError('The token request failed', { cause: caught });
      counters.add('failures');
      // A caller hears of a failure it waited for; one behind a cached token is the log's to tell.
      if (background)
        this.#settings.log.write('warn', 'token refresh failed', {
          scope: slot.scope,
          errorCode: error.code,
          message: error.message,
        });
      callHook(hooks.onTokenError, error);
      throw error;
    }
  }

  /** `storeTime`: what the store calls before it took; the next refresh starts that much earlier too. */
  async #fetch(slot: TokenSlot, background: boolean, storeTime: number): Promise<AccessToken> {
    const { cache, counters, hooks, closing } = this.#parts;
    const started = performance.now();
    const { parsed, attempts } = await requestToken(this.#settings, slot.scope, {
      onAttempt: () => counters.add('tokenRequests'),
      onRetry: () => counters.add('retries'),
      signal: closing.signal,
    });
    const { token } = parsed;
    cache.observeLatency(slot, storeTime + performance.now() - started);
    cache.hold(slot, token, false);
    counters.add('tokensFetched');
    const event: TokenFetchedEvent = {
      expiresAt: token.expiresAt,
      durationMs: performance.now() - started,
      scope: token.scope,
      attempts,
      background,
      clockSkew: parsed.clockSkew,
    };
    const lifetimeMs = token.expiresAt - this.#settings.now();
    const durationMs = Math.round(event.durationMs);
    this.#settings.log.write('info', 'token fetched', { ...event, durationMs, lifetimeMs });
    callHook(hooks.onTokenFetched, event);
    return token;
  }
}
