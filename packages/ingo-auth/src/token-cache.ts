import type { AccessToken } from './access-token.js';
import { cooldownLeft, freshness, nextLatency, refreshPoint } from './refresh-policy.js';
import type { TokenSettings } from './token-settings.js';

/** @internal A token the cache holds, with the promise every hit returns (so a hit allocates nothing). */
export interface CachedToken {
  readonly token: AccessToken;
  readonly ready: Promise<AccessToken>;
  readonly refreshAt: number;
}

/**
@internal What the manager knows of one scope. Everyone reads it; only `TokenCache` writes it,
through the methods below, so each change of state has one place to look.
*/
export interface TokenSlot {
  /** The scope as requested (order kept, duplicates removed). */
  readonly scope: string;
  /** The store key: token URL, client id and sorted scope, never a secret, so a store may log it. */
  readonly key: string;
  readonly current: CachedToken | undefined;
  /** The token request in flight, which every waiting caller shares. */
  readonly flight: Promise<AccessToken> | undefined;
  /** Whether a token was ever obtained: a later wait is a refresh that did not happen ahead of time. */
  readonly obtainedBefore: boolean;
  readonly failures: number;
  readonly failedAt: number;
  /** The last token invalidated, so that a shared store cannot hand it back. */
  readonly invalidated: string | undefined;
  /** How long getting a token takes (ms): the token request and the store calls before it. */
  readonly latency: number;
  /** When (manager clock) the store was last read for this slot, for the background check. */
  readonly checkedStoreAt: number;
}

type SlotState = { -readonly [Field in keyof TokenSlot]: TokenSlot[Field] };

/** @internal The manager's tokens, one slot per distinct scope set, and the only writer of their state. */
export class TokenCache {
  readonly #slots = new Map<string, SlotState>();
  readonly #settings: TokenSettings;
  #closed = false;

  constructor(settings: TokenSettings) {
    this.#settings = settings;
  }

  /** The slot for `scope`; `'a b'` and `'b  a'` share one. */
  slot(scope: string): TokenSlot {
    const parts = [...new Set(scope.trim().split(/\s+/))];
    const sorted = [...parts].sort().join(' ');
    let slot = this.#slots.get(sorted);
    if (!slot) {
      const { tokenUrl, clientId } = this.#settings;
      slot = {
        scope: parts.join(' '),
        key: `ingo-token:${JSON.stringify([tokenUrl, clientId, sorted])}`,
        current: undefined,
        flight: undefined,
        obtainedBefore: false,
        failures: 0,
        failedAt: 0,
        invalidated: undefined,
        latency: 0,
        checkedStoreAt: 0,
      };
      this.#slots.set(sorted, slot);
    }
    return slot;
  }

  /**
  Holds `token`, found in the store (`stored`) or fetched; a stored one only while it is not yet
  due for a refresh. Returns whether it is held.
  */
  hold(slot: TokenSlot, token: AccessToken, stored: boolean): boolean {
    const state = slot as SlotState;
    const refreshAt = refreshPoint(token, this.#settings, state.latency);
    if (this.#closed) return false;
    if (stored && freshness({ token, refreshAt }, this.#settings.now()) !== 'fresh') return false;
    state.current = { token, ready: Promise.resolve(token), refreshAt };
    state.obtainedBefore = true;
    state.invalidated = undefined;
    return true;
  }

  /** Whether `token` is news: neither the one held nor the one last invalidated. */
  isNew(slot: TokenSlot, token: AccessToken): boolean {
    const text = token.accessToken.reveal();
    return text !== slot.invalidated && text !== slot.current?.token.accessToken.reveal();
  }

  /** Drops the token `text` from every slot that holds it; returns those slots and tokens. */
  drop(text: string): { slot: TokenSlot; token: AccessToken }[] {
    const dropped: { slot: TokenSlot; token: AccessToken }[] = [];
    for (const slot of this.#slots.values()) {
      const token = slot.current?.token;
      if (token?.accessToken.reveal() !== text) continue;
      slot.current = undefined;
      slot.invalidated = text;
      dropped.push({ slot, token });
    }
    return dropped;
  }

  /** Lets go of an expired token. */
  expire(slot: TokenSlot): void {
    (slot as SlotState).current = undefined;
  }

  /** Lets go of every token, and holds none from now on (the manager was closed). */
  close(): void {
    this.#closed = true;
    for (const slot of this.#slots.values()) slot.current = undefined;
  }

  /** Makes `flight` the slot's token request until it settles; counts its failure or success. */
  fly(slot: TokenSlot, flight: Promise<AccessToken>): Promise<AccessToken> {
    const state = slot as SlotState;
    state.flight = flight;
    const settle = (failed: boolean) => {
      if (state.flight === flight) state.flight = undefined;
      state.failures = failed ? state.failures + 1 : 0;
      if (failed) state.failedAt = this.#settings.now();
    };
    flight.then(
      () => settle(false),
      () => settle(true),
    );
    return flight;
  }

  /** Milliseconds until the slot's next token request may start. */
  cooldownLeft(slot: TokenSlot): number {
    return cooldownLeft(slot.failures, slot.failedAt, this.#settings, this.#settings.now());
  }

  /** Notes how long getting a token took; the next refresh points allow for it. */
  observeLatency(slot: TokenSlot, milliseconds: number): void {
    (slot as SlotState).latency = nextLatency(slot.latency, milliseconds);
  }

  /** Notes that the store was read for `slot` at `now`. */
  checked(slot: TokenSlot, now: number): void {
    (slot as SlotState).checkedStoreAt = now;
  }
}
