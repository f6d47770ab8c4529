import type { AccessToken } from './access-token.js';
import type { TokenSettings } from './token-settings.js';

/** A token the manager holds, with the promise every cache hit returns (so a hit allocates nothing). */
export interface CachedToken {
  readonly token: AccessToken;
  readonly ready: Promise<AccessToken>;
  readonly refreshAt: number;
}

/**
@internal Everything the manager keeps for one scope: the cached token and its refresh point, the
token request in flight, and the failures that set the cooldown.
*/
export class TokenSlot {
  /** The scope as requested (order kept, duplicates removed). */
  readonly scope: string;
  /** The store key: token URL, client id and sorted scope, never a secret, so a store may log it. */
  readonly key: string;
  current: CachedToken | undefined;
  flight: Promise<AccessToken> | undefined;
  /** Whether a token was ever obtained: a later wait is a refresh that did not happen ahead of time. */
  obtainedBefore = false;
  consecutiveFailures = 0;
  failedAt = 0;
  /** The last token invalidated, so that a shared store cannot hand it back. */
  invalidated: string | undefined;
  /**
  How long getting a token takes (ms): the token request plus the store calls before it (a store
  that times out makes refreshes start earlier). The latest, or a decaying memory of a slower one,
  so that one fast answer does not make the next refresh start too late.
  */
  latency = 0;
  /** When (manager clock) the store was last read for this slot, for the background check. */
  checkedStoreAt = 0;

  constructor(scope: string, key: string) {
    this.scope = scope;
    this.key = key;
  }

  adopt(token: AccessToken, refreshAt: number): void {
    this.current = { token, ready: Promise.resolve(token), refreshAt };
    this.obtainedBefore = true;
    this.invalidated = undefined;
  }

  /** Whether `token` is news: neither the one held nor the one last invalidated. */
  isNew(token: AccessToken): boolean {
    const text = token.accessToken.reveal();
    return text !== this.invalidated && text !== this.current?.token.accessToken.reveal();
  }

  /** Drops the cached token if it is still `text`; returns the dropped token. */
  drop(text: string): AccessToken | undefined {
    const token = this.current?.token;
    if (token?.accessToken.reveal() !== text) return undefined;
    this.current = undefined;
    this.invalidated = text;
    return token;
  }

  observeLatency(milliseconds: number): void {
    this.latency = Math.max(milliseconds, this.latency * 0.75);
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
  }

  failed(now: number): void {
    this.consecutiveFailures += 1;
    this.failedAt = now;
  }

  /** Milliseconds until another token request may start (0 after a success). */
  cooldownLeft(settings: TokenSettings): number {
    if (this.consecutiveFailures === 0) return 0;
    const { cooldown } = settings;
    const longest = Math.max(cooldown, settings.retry.backoffLimit);
    const wait = Math.min(cooldown * 2 ** (this.consecutiveFailures - 1), longest);
    return this.failedAt + wait - settings.now();
  }
}

/**
@internal When a token is refreshed in the background: `refreshAhead` (plus jitter) before it
expires, plus the time token requests take (`latency`), so that the refresh is done `refreshAhead`
before expiry rather than started then; never earlier than half its lifetime.
*/
export function refreshPoint(token: AccessToken, settings: TokenSettings, latency: number): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  const ahead = settings.refreshAhead ?? Math.min(60_000, lifetime * 0.1);
  const jitter = settings.refreshJitter ?? Math.min(10_000, ahead / 2);
  return token.expiresAt - Math.min(ahead + settings.random() * jitter + latency, lifetime / 2);
}

/** @internal The slots of one manager, one per distinct scope set. */
export class TokenSlots {
  readonly #slots = new Map<string, TokenSlot>();
  readonly #settings: TokenSettings;

  constructor(settings: TokenSettings) {
    this.#settings = settings;
  }

  /** The slot for `scope`; `'a b'` and `'b  a'` share one. */
  for(scope: string): TokenSlot {
    const parts = [...new Set(scope.trim().split(/\s+/))];
    const sortedScope = [...parts].sort().join(' ');
    let slot = this.#slots.get(sortedScope);
    if (!slot) {
      const key = `ingo-token:${JSON.stringify([this.#settings.tokenUrl, this.#settings.clientId, sortedScope])}`;
      slot = new TokenSlot(parts.join(' '), key);
      this.#slots.set(sortedScope, slot);
    }
    return slot;
  }

  values(): IterableIterator<TokenSlot> {
    return this.#slots.values();
  }
}
