import { ingoScopes } from '../ingo-environment.js';
import { createTokenManager } from '../token-manager.js';
import type { TokenFetchedEvent, TokenManagerOptions } from '../token-manager-options.js';
import type { TokenManager } from '../token-source.js';
import { createMemoryTokenStore, type TokenStore } from '../token-store.js';
import { type createClock, deferred, type ingoSandbox, sandboxTokenUrl } from './test-helpers.js';

/** Retries without backoff or cooldown, so that unit tests never wait on them. */
export const noWaiting: {
  readonly limit: 2;
  readonly delay: () => number;
  readonly backoffLimit: 0;
  readonly cooldown: 0;
} = { limit: 2, delay: () => 0, backoffLimit: 0, cooldown: 0 };

/** A manager on the in-process sandbox and a hand-moved clock, without jitter or retry waits. */
export function managerFor(
  sandbox: ReturnType<typeof ingoSandbox>,
  clock: ReturnType<typeof createClock>,
  overrides: Partial<TokenManagerOptions> = {},
): TokenManager {
  return createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
    fetch: sandbox.fetch,
    now: clock.now,
    random: () => 0,
    retry: noWaiting,
    ...overrides,
  });
}

/** Resolves with the next token the manager fetches (through `onTokenFetched`). */
export function fetchedEvents(): {
  events: TokenFetchedEvent[];
  onTokenFetched(event: TokenFetchedEvent): void;
  next(): Promise<TokenFetchedEvent>;
} {
  const events: TokenFetchedEvent[] = [];
  let waiting = deferred<TokenFetchedEvent>();
  return {
    events,
    onTokenFetched(event: TokenFetchedEvent) {
      events.push(event);
      waiting.resolve(event);
      waiting = deferred<TokenFetchedEvent>();
    },
    next: () => waiting.promise,
  };
}

/** A store over `shared` that tells when it refused a lock (another holder had it). */
export function lockRefusals(shared: TokenStore = createMemoryTokenStore()): {
  store: TokenStore;
  refused: Promise<void>;
} {
  const refusal = deferred();
  return {
    refused: refusal.promise,
    store: {
      get: (key) => shared.get(key),
      set: (key, token, ttlMs) => shared.set(key, token, ttlMs),
      async lock(key, ttlMs) {
        const lock = await shared.lock?.(key, ttlMs);
        if (lock === undefined) refusal.resolve();
        return lock;
      },
    },
  };
}
