import { type BridgekitError, isBridgekitError, NetworkError } from '@bridgekit/errors';
import { sleep } from '@bridgekit/http';
import type { AccessToken } from './access-token.js';
import type { HeldLock, StoreCoordination } from './store-coordination.js';
import type { TokenManagerCounters } from './token-manager-counters.js';
import type { TokenFetchedEvent, TokenManagerOptions } from './token-manager-options.js';
import { requestToken } from './token-request.js';
import type { TokenSettings } from './token-settings.js';
import { refreshPoint, type TokenSlot } from './token-slot.js';
import type { StoreBudget } from './waiting.js';

function ignoreErrors(callback: () => void): void {
  try {
    callback();
  } catch {
    // Observability hooks must never break token handling.
  }
}

/**
@internal Runs token requests: one flight per slot however many callers wait, after the cooldown
of earlier failures, coordinated through the store (a token another process stored, a lock so
that one process fetches), in the foreground or as a background refresh ahead of expiry.
*/
export class TokenRefresher {
  readonly #settings: TokenSettings;
  readonly #store: StoreCoordination;
  readonly #counters: TokenManagerCounters;
  readonly #hooks: Pick<TokenManagerOptions, 'onTokenFetched' | 'onTokenError'>;

  constructor(
    settings: TokenSettings,
    store: StoreCoordination,
    counters: TokenManagerCounters,
    hooks: Pick<TokenManagerOptions, 'onTokenFetched' | 'onTokenError'>,
  ) {
    this.#settings = settings;
    this.#store = store;
    this.#counters = counters;
    this.#hooks = hooks;
  }

  /** Starts the slot's flight; `background` when callers keep using the cached token meanwhile. */
  start(slot: TokenSlot, background: boolean): Promise<AccessToken> {
    if (background) this.#counters.backgroundRefresh();
    const flight: Promise<AccessToken> = this.#run(slot, background).finally(() => {
      if (slot.flight === flight) slot.flight = undefined;
    });
    slot.flight = flight;
    // A background refresh has no caller to see its failure (onTokenError reports it): never unhandled.
    flight.catch(() => undefined);
    return flight;
  }

  async #run(slot: TokenSlot, background: boolean): Promise<AccessToken> {
    try {
      await sleep(slot.cooldownLeft(this.#settings));
      const budget = this.#store.budget();
      const stored = await this.#store.adoptFromStore(slot, budget);
      if (stored) return stored;
      const locked =
        (await this.#store.lockOrToken(slot, budget)) ?? (await this.#store.awaitOtherHolder(slot, budget));
      if ('token' in locked) return locked.token;
      const token = await this.#fetchUnderLock(slot, background, locked.lock, budget);
      slot.succeeded();
      return token;
    } catch (caught) {
      const error: BridgekitError = isBridgekitError(caught)
        ? caught
        : new NetworkError('The token request failed', { cause: caught });
      slot.failed(this.#settings.now());
      this.#counters.failure();
      if (this.#hooks.onTokenError) ignoreErrors(() => this.#hooks.onTokenError?.(error));
      throw error;
    }
  }

  /** Fetches while renewing the lock; the callers get the token once it is stored and the lock let go. */
  async #fetchUnderLock(
    slot: TokenSlot,
    background: boolean,
    lock: HeldLock,
    budget: StoreBudget,
  ): Promise<AccessToken> {
    const stopRenewing = this.#store.keepAlive(lock);
    let token: AccessToken;
    try {
      token = await this.#fetch(slot, background, budget.spent);
    } catch (error) {
      await this.#store.release(lock);
      throw error;
    } finally {
      stopRenewing();
    }
    await this.#store.shareThenRelease(slot, token, lock, budget);
    return token;
  }

  /** `storeTime`: what the store calls before it took; the next refresh starts that much earlier too. */
  async #fetch(slot: TokenSlot, background: boolean, storeTime: number): Promise<AccessToken> {
    const started = performance.now();
    const { parsed, attempts } = await requestToken(this.#settings, slot.scope, {
      onAttempt: () => this.#counters.tokenRequest(),
      onRetry: () => this.#counters.retry(),
    });
    const { token } = parsed;
    slot.observeLatency(storeTime + performance.now() - started);
    slot.adopt(token, refreshPoint(token, this.#settings, slot.latency));
    this.#counters.tokenFetched();
    const event: TokenFetchedEvent = {
      expiresAt: token.expiresAt,
      durationMs: performance.now() - started,
      scope: token.scope,
      attempts,
      background,
      clockSkew: parsed.clockSkew,
    };
    if (this.#hooks.onTokenFetched) ignoreErrors(() => this.#hooks.onTokenFetched?.(event));
    return token;
  }
}
