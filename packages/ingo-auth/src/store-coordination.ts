import type { AccessToken } from './access-token.js';
import type { TokenManagerCounters } from './token-manager-counters.js';
import type { TokenSettings } from './token-settings.js';
import { refreshPoint, type TokenSlot } from './token-slot.js';
import type { Awaitable, TokenStore, TokenStoreLock } from './token-store.js';
import { type Settled, settleWithin, sleep } from './waiting.js';

/** A lock held in the store, or `'unsupported'`: fetch without one (no `lock`, or it failed). */
export type HeldLock = TokenStoreLock | 'unsupported';

const storePollInterval = 50;

/**
@internal The manager's side of a (possibly shared, possibly failing) token store. A store that
fails or hangs (Redis down) must not stop token requests: every call gets `storeTimeout`, and an
error or a timeout counts as a miss, no lock, or a lost write.
*/
export class StoreCoordination {
  readonly #store: TokenStore;
  readonly #settings: TokenSettings;
  readonly #counters: TokenManagerCounters;
  readonly #lockTtl: number;

  constructor(store: TokenStore, settings: TokenSettings, counters: TokenManagerCounters) {
    this.#store = store;
    this.#settings = settings;
    this.#counters = counters;
    const attempts = settings.retry.limit + 1;
    this.#lockTtl = settings.timeout * attempts + settings.retry.backoffLimit * attempts;
  }

  #call<T>(operation: () => Awaitable<T>): Promise<Settled<T>> {
    return settleWithin(Promise.resolve().then(operation), this.#settings.storeTimeout);
  }

  /** Adopts a token another manager stored, when it is new and not yet due for a refresh. */
  async adoptFromStore(slot: TokenSlot): Promise<AccessToken | undefined> {
    const outcome = await this.#call(() => this.#store.get(slot.key));
    const stored = outcome.status === 'fulfilled' ? outcome.value : undefined;
    if (!stored || !slot.isNew(stored)) return undefined;
    const refreshAt = refreshPoint(stored, this.#settings);
    if (this.#settings.now() >= refreshAt) return undefined;
    slot.adopt(stored, refreshAt);
    this.#counters.storeHit();
    return stored;
  }

  /** Shares a fetched token. A write that fails or hangs: the token still serves this process. */
  async share(slot: TokenSlot, token: AccessToken): Promise<void> {
    const ttl = Math.max(1, token.expiresAt - this.#settings.now());
    await this.#call(() => this.#store.set(slot.key, token, ttl));
  }

  /**
  Removes a refused token from the store. Not awaited: invalidate() answers at once, and a store
  that fails only leaves the token there until it expires.
  */
  forget(slot: TokenSlot, token: AccessToken): void {
    if (!this.#store.delete) return;
    try {
      Promise.resolve(this.#store.delete(slot.key, token)).catch(() => undefined);
    } catch {
      // As above: a store that throws must not break invalidate().
    }
  }

  /** A lock, `'unsupported'` (fetch without one) or undefined (another holder has it). */
  async takeLock(slot: TokenSlot): Promise<HeldLock | undefined> {
    if (!this.#store.lock) return 'unsupported';
    const taking = Promise.resolve().then(() => this.#store.lock?.(slot.key, this.#lockTtl));
    const outcome = await this.#call(() => taking);
    if (outcome.status === 'fulfilled') return outcome.value;
    if (outcome.status === 'timed-out') {
      // Granted after we stopped waiting, it would hold every other process back until its ttl.
      taking.then((late) => late?.release()).catch(() => undefined);
    }
    return 'unsupported';
  }

  /** A release that fails or hangs is left to the lock's ttl. */
  async release(lock: HeldLock): Promise<void> {
    if (lock !== 'unsupported') await this.#call(() => lock.release());
  }

  /**
  Another holder is fetching: wait for its token to appear in the store, or for its lock to go
  (a holder that failed releases it without storing anything) and fetch under the lock then, for
  one timeout at most; after that, fetch without the lock.
  */
  async awaitOtherHolder(slot: TokenSlot): Promise<{ token: AccessToken } | { lock: HeldLock }> {
    // Wall-clock time, not `now`: an injected clock may stand still.
    const deadline = performance.now() + this.#settings.timeout;
    while (performance.now() < deadline) {
      await sleep(storePollInterval);
      const stored = await this.adoptFromStore(slot);
      if (stored) return { token: stored };
      const lock = await this.takeLock(slot);
      if (lock === undefined) continue;
      // The holder may have stored its token and let go between the read above and the lock.
      const late = await this.adoptFromStore(slot);
      if (late) {
        await this.release(lock);
        return { token: late };
      }
      return { lock };
    }
    return { lock: 'unsupported' };
  }
}
