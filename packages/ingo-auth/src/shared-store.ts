import type { BridgekitError } from '@bridgekit/errors';
import { type Closing, type Settled, settleWithin, sleep } from '@bridgekit/http';
import { type AccessToken, bearerToken } from './access-token.js';
import { outageReporter } from './store-outage.js';
import type { TokenCache, TokenSlot } from './token-cache.js';
import type { TokenManagerCounters } from './token-manager-counters.js';
import type { TokenSettings } from './token-settings.js';
import type { Awaitable, TokenStore, TokenStoreLock } from './token-store.js';
import { StoreBudget } from './waiting.js';

/** A lock held in the store, or `'unsupported'`: fetch without one (no `lock`, or it failed). */
type HeldLock = TokenStoreLock | 'unsupported';

const firstPoll = 25;
const longestPoll = 200;
/**
The lock's longest lease, renewed every third of it while its holder works: a holder that dies
(SIGKILL, OOM) holds the fleet back for at most this long, not for a whole token request.
*/
const longestLease = 3000;

/** What the store returned, if it is a token; anything else (a malformed entry) is a miss. */
function validToken(value: unknown): AccessToken | undefined {
  try {
    if (typeof value !== 'object' || value === null) return undefined;
    const { accessToken, tokenType, expiresAt, issuedAt, scope } = value as Partial<AccessToken>;
    const text = typeof accessToken?.reveal === 'function' ? accessToken.reveal() : undefined;
    if (typeof text !== 'string' || text.length === 0 || typeof scope !== 'string') return undefined;
    if (tokenType !== undefined && String(tokenType).toLowerCase() !== 'bearer') return undefined;
    if (!Number.isFinite(expiresAt) || !Number.isFinite(issuedAt)) return undefined;
    // Rebuilt, so that nothing the store handed over runs again outside this guard.
    return bearerToken(text, expiresAt as number, issuedAt as number, scope);
  } catch {
    return undefined;
  }
}

/** @internal What the shared store needs besides the store itself. */
export interface SharedStoreOptions {
  /** A store of the user's, which other managers or processes may write to. */
  readonly shared: boolean;
  readonly onStoreError?: ((error: BridgekitError) => void) | undefined;
  /** The manager's: a poll for another holder stops at `close()`, which waits for every store call. */
  readonly closing: Closing;
}

/**
@internal The shared-store protocol, whole, around each token request: read, lock, wait for a
holder, fetch, write, release. A store that fails or hangs (Redis down) must not stop token
requests: the calls a caller waits for share one `storeTimeout`, an error or a timeout counts as a
miss, no lock or a lost write, and the outage is reported once.
*/
export class SharedStore {
  readonly #store: TokenStore;
  readonly #settings: TokenSettings;
  readonly #cache: TokenCache;
  readonly #counters: TokenManagerCounters;
  readonly #outage: (outcome: Settled<unknown>) => void;
  readonly #options: SharedStoreOptions;
  /** How long a waiter waits while the lock stays held (renewed): one token request and its store calls. */
  readonly #patience: number;
  /** The lock's lease: 3 s, or one token request when that is shorter. */
  readonly #lease: number;
  /** Whether to look for other processes' tokens in the background (a store of the user's, with delete). */
  readonly checksStore: boolean;

  constructor(
    store: TokenStore,
    settings: TokenSettings,
    cache: TokenCache,
    counters: TokenManagerCounters,
    options: SharedStoreOptions,
  ) {
    this.#store = store;
    this.#settings = settings;
    this.#cache = cache;
    this.#counters = counters;
    this.#options = options;
    this.#outage = outageReporter(options.onStoreError, settings);
    this.#lease = Math.min(longestLease, settings.timeout + settings.storeTimeout);
    this.#patience = settings.timeout + settings.storeTimeout + 2 * longestPoll;
    this.checksStore =
      options.shared && typeof store.delete === 'function' && settings.storeCheckInterval > 0;
  }

  /**
  One token for `slot`: one another process stored, or the one `fetch` gets under the lock
  (`storeTime`: what the store calls before it took). A fetched token is stored, and the lock let
  go of, before it is returned: a script that quits its Redis client right after its call leaves
  the token stored and no lock behind.
  */
  async obtain(slot: TokenSlot, fetch: (storeTime: number) => Promise<AccessToken>): Promise<AccessToken> {
    const { signal } = this.#options.closing;
    const budget = new StoreBudget(this.#settings.storeTimeout);
    const stored = await this.#read(slot, budget);
    if (stored) return stored;
    signal.throwIfAborted();
    const locked = (await this.#lockOrToken(slot, budget)) ?? (await this.#awaitHolder(slot, budget));
    if ('token' in locked) return locked.token;
    const { lock } = locked;
    const stopRenewing = this.#keepAlive(lock);
    let token: AccessToken;
    try {
      // Closed while the lock was taken: let go of it instead of fetching.
      signal.throwIfAborted();
      token = await fetch(budget.spent);
    } catch (error) {
      stopRenewing();
      await this.#release(lock);
      throw error;
    }
    stopRenewing();
    const ttl = Math.max(1, token.expiresAt - this.#settings.now());
    // Both within one storeTimeout of their own, whatever the flight spent before.
    const share = new StoreBudget(this.#settings.storeTimeout);
    const written = this.#call(() => this.#store.set(slot.key, token, ttl), share).then(() =>
      this.#release(lock, share),
    );
    // A store that failed this flight already cost its callers one storeTimeout: not another.
    if (!budget.failed) await written;
    return token;
  }

  /**
  In the background: adopts a token in the store that differs from the one held and expires no
  earlier (another process fetched it after its invalidate() or its refresh); an older one is
  the store's copy of a token this process already replaced, and its write is still under way.
  */
  checkWhenDue(slot: TokenSlot, now: number): void {
    if (now - slot.checkedStoreAt < this.#settings.storeCheckInterval) return;
    this.#cache.checked(slot, now);
    const held = slot.current?.token.expiresAt ?? 0;
    void this.#get(slot).then((stored) => {
      const current = slot.current?.token.expiresAt ?? 0;
      if (stored && stored.expiresAt >= Math.max(held, current)) this.#adopt(slot, stored);
    });
  }

  /**
  Drops the token `text` from every slot that holds it and from the store (compare-and-delete, not
  awaited); returns whether any slot held it.
  */
  forget(text: string): boolean {
    const store = this.#store;
    const dropped = this.#cache.drop(text);
    for (const { slot, token } of dropped) {
      if (store.delete) void this.#call(() => store.delete?.(slot.key, token));
      this.#counters.add('invalidations');
    }
    return dropped.length > 0;
  }

  #call<T>(operation: () => Awaitable<T>, budget?: StoreBudget): Promise<Settled<T>> {
    const allowed = budget ? budget.left : this.#settings.storeTimeout;
    if (allowed <= 0) return Promise.resolve({ status: 'timed-out' });
    const started = performance.now();
    const call = settleWithin(Promise.resolve().then(operation), allowed).then((outcome) => {
      budget?.spend(performance.now() - started, outcome.status === 'fulfilled');
      this.#outage(outcome);
      return outcome;
    });
    return this.#options.closing.track(call);
  }

  /** The token in the store, if it is one (a malformed entry, a failed read: none). */
  async #get(slot: TokenSlot, budget?: StoreBudget): Promise<AccessToken | undefined> {
    const outcome = await this.#call(() => this.#store.get(slot.key), budget);
    return outcome.status === 'fulfilled' ? validToken(outcome.value) : undefined;
  }

  /** Adopts a token another manager stored, when it is new and not yet due for a refresh. */
  async #read(slot: TokenSlot, budget: StoreBudget): Promise<AccessToken | undefined> {
    const stored = await this.#get(slot, budget);
    this.#cache.checked(slot, this.#settings.now());
    return stored && this.#adopt(slot, stored, budget) ? stored : undefined;
  }

  /** `budget`: the flight's, whose start dates the read; none for a look in the background. */
  #adopt(slot: TokenSlot, stored: AccessToken, budget?: StoreBudget): boolean {
    if (!this.#cache.isNew(slot, stored) || !this.#cache.hold(slot, stored, true)) return false;
    this.#counters.add('storeHits');
    const lifetimeMs = stored.expiresAt - this.#settings.now();
    const durationMs = budget && Math.round(performance.now() - budget.startedAt);
    this.#settings.log.write('info', 'token read from the store', {
      scope: slot.scope,
      durationMs,
      lifetimeMs,
    });
    return true;
  }

  /** A lock, `'unsupported'` (fetch without one) or undefined (another holder has it). */
  async #takeLock(slot: TokenSlot, budget: StoreBudget): Promise<HeldLock | undefined> {
    const store = this.#store;
    if (!store.lock) return 'unsupported';
    let taking: Promise<TokenStoreLock | undefined> | undefined;
    const outcome = await this.#call(() => {
      taking = Promise.resolve(store.lock?.(slot.key, this.#lease));
      return taking;
    }, budget);
    if (outcome.status === 'fulfilled') return outcome.value;
    if (outcome.status === 'timed-out' && taking) {
      // Granted after we stopped waiting, it would hold every other process back until its ttl.
      void this.#call(async () => (await taking)?.release());
    }
    return 'unsupported';
  }

  /**
  After a read that found no new token: the lock, or the token a holder stored and let go of the
  lock for between that read and this lock (read once more under the lock), or undefined while
  another holder has it.
  */
  async #lockOrToken(
    slot: TokenSlot,
    budget: StoreBudget,
  ): Promise<{ token: AccessToken } | { lock: HeldLock } | undefined> {
    const lock = await this.#takeLock(slot, budget);
    if (lock === undefined || lock === 'unsupported' || !this.#options.shared) return lock && { lock };
    const late = await this.#read(slot, budget);
    if (!late) return { lock };
    // Released before the callers hear of the token (within a storeTimeout of its own): a
    // short-lived process that quits its store right after would otherwise leave the lock to its
    // lease, holding the others back.
    await this.#release(lock);
    return { token: late };
  }

  /** A release that fails or hangs is left to the lock's lease. */
  async #release(lock: HeldLock, budget?: StoreBudget): Promise<void> {
    if (lock !== 'unsupported') await this.#call(() => lock.release(), budget);
  }

  /** Renews the lock every third of its lease while a token request runs; returns the stop. */
  #keepAlive(lock: HeldLock): () => void {
    if (lock === 'unsupported' || typeof lock.renew !== 'function') return () => undefined;
    const timer = setInterval(() => {
      void this.#call(() => lock.renew?.(this.#lease));
    }, this.#lease / 3);
    return () => clearInterval(timer);
  }

  /**
  Another holder is fetching: poll (25 ms, doubling to 200 ms) for its token to appear in the
  store, or for its lock to go (released by a holder that failed, or expired with one that died:
  within one lease), and fetch under the lock then. While the lock stays held (its holder renews
  it), a waiter waits out one token request, and once more if it is still held then (another
  waiter took over); after that, or when the store fails, it fetches without the lock.
  */
  async #awaitHolder(
    slot: TokenSlot,
    budget: StoreBudget,
  ): Promise<{ token: AccessToken } | { lock: HeldLock }> {
    // Wall-clock time, not `now`: an injected clock may stand still.
    budget.startPolling();
    const patience = this.#patience;
    let deadline = performance.now() + patience;
    let extended = false;
    for (let interval = firstPoll; ; interval = Math.min(2 * interval, longestPoll)) {
      await sleep(interval, this.#options.closing.signal);
      const stored = await this.#read(slot, budget);
      if (stored) return { token: stored };
      if (budget.failed) return { lock: 'unsupported' };
      const outcome = await this.#lockOrToken(slot, budget);
      if (outcome) return outcome;
      if (performance.now() < deadline) continue;
      if (extended) return { lock: 'unsupported' };
      extended = true;
      deadline += patience;
    }
  }
}
