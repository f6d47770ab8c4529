import { type BridgekitError, NetworkError, Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createClock, ingoSandbox, recordingFetch, tokenJson } from './testing/test-helpers.js';
import { lockRefusals, managerFor } from './testing/token-manager-helpers.js';
import { createMemoryTokenStore, type TokenStore } from './token-store.js';

/** A memory store that records the ttl of every lock taken. */
function recordingLocks(shared = createMemoryTokenStore()) {
  const ttls: number[] = [];
  const store: TokenStore = {
    get: (key) => shared.get(key),
    set: (key, token, ttlMs) => shared.set(key, token, ttlMs),
    delete: (key, token) => shared.delete?.(key, token),
    lock(key, ttlMs) {
      ttls.push(ttlMs);
      return shared.lock?.(key, ttlMs);
    },
  };
  return { store, ttls };
}

describe('locks in a shared store', () => {
  it('leases the lock for 3 s, or for one token request (timeout plus storeTimeout) when that is shorter', async () => {
    const long = recordingLocks();
    const short = recordingLocks();
    // Before: timeout + storeTimeout (31 s with the defaults), which a holder that died held everyone back for.
    await managerFor(ingoSandbox(), createClock(), {
      store: long.store,
      timeout: 5000,
      storeTimeout: 100,
    }).getToken();
    await managerFor(ingoSandbox(), createClock(), {
      store: short.store,
      timeout: 300,
      storeTimeout: 150,
    }).getToken();
    expect([...long.ttls, ...short.ttls]).toEqual([3000, 450]);
  });

  it('renews the lock while a slow token request with retries outlives it, so no one takes over', async () => {
    const { store, refused } = lockRefusals();
    // Three attempts of 450 ms (two 503s, then a token) outlive the 620 ms lock by more than a
    // waiter's longest poll, and a renewal every 207 ms leaves 400 ms for a loaded machine's stalls.
    const { fetch, requests } = recordingFetch(async (_request, index) => {
      if (index === 0) await refused;
      await new Promise((resolve) => setTimeout(resolve, 450));
      return index < 2
        ? tokenJson({}, 503)
        : tokenJson({ access_token: 'slow', expires_in: 3600, token_type: 'Bearer' });
    });
    const options = { store, fetch, timeout: 600, storeTimeout: 20 };
    const sandbox = ingoSandbox();
    const [a, b] = await Promise.all([
      managerFor(sandbox, createClock(), options).getToken(),
      managerFor(sandbox, createClock(), options).getToken(),
    ]);
    expect([a.accessToken.reveal(), b.accessToken.reveal()]).toEqual(['slow', 'slow']);
    expect(requests).toHaveLength(3);
  });

  it.each([
    ['', 0],
    [', on a store whose every call takes 30 ms (more than storeTimeout in all)', 30],
  ])(
    'takes over the lock of a holder that died once it expires: one request, not a stampede%s',
    async (_, delay) => {
      const shared = createMemoryTokenStore();
      let died = false;
      const slowly = async <T>(answer: () => T | Promise<T>): Promise<T> => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        return answer();
      };
      const store: TokenStore = {
        get: (key) => slowly(() => shared.get(key)),
        set: (key, token, ttlMs) => shared.set(key, token, ttlMs),
        async lock(key, ttlMs) {
          const lock = await slowly(() => shared.lock?.(key, ttlMs));
          if (died || !lock) return lock;
          // The first holder dies holding it: never released, never renewed.
          died = true;
          return undefined;
        },
      };
      const sandbox = ingoSandbox();
      // The lock lives timeout + storeTimeout (450 ms). Before the waiters poll, get and lock spend
      // 60 ms of the 150 ms storeTimeout: slack for a loaded machine's late timers, as a budget
      // spent in full means a store too slow to coordinate, and every manager fetching.
      const options = { store, timeout: 300, storeTimeout: 150 };
      const started = performance.now();
      const tokens = await Promise.all(
        Array.from({ length: 5 }, () => managerFor(sandbox, createClock(), options).getToken()),
      );
      const elapsed = performance.now() - started;
      expect(new Set(tokens.map((token) => token.accessToken.reveal())).size).toBe(1);
      // Before: waiters gave up after one timeout (300 ms) while the lock lived longer, and all fetched.
      expect(sandbox.issuedTokens).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(445);
      expect(elapsed).toBeLessThan(450 + 400 + 500);
    },
  );
});

describe('other processes', () => {
  it('adopt a token another manager fetched after its invalidate(), without a 401 of their own', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const refusing = managerFor(sandbox, clock, { store });
    const other = managerFor(sandbox, clock, { store });
    const silent = managerFor(sandbox, clock, { store, storeCheckInterval: 0 });
    const stale = await refusing.getToken();
    expect((await other.getToken()).accessToken.reveal()).toBe(stale.accessToken.reveal());
    expect((await silent.getToken()).accessToken.reveal()).toBe(stale.accessToken.reveal());

    refusing.invalidate(stale);
    const fresh = await refusing.getToken();
    clock.advance(1000);
    // The first call after the check interval is still answered at once; it starts the check.
    expect((await other.getToken()).accessToken.reveal()).toBe(stale.accessToken.reveal());
    await expect
      .poll(async () => (await other.getToken()).accessToken.reveal())
      .toBe(fresh.accessToken.reveal());
    expect((await silent.getToken()).accessToken.reveal()).toBe(stale.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(2);

    // A 401 makes the manager look in the store before fetching: the newer token is there.
    silent.invalidate(stale);
    expect((await silent.getToken()).accessToken.reveal()).toBe(fresh.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(2);
  });

  it('adopt a newer token from the store in the background, never an older one', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const shared = createMemoryTokenStore({ now: clock.now });
    let key = '';
    const store: TokenStore = {
      ...shared,
      set(storeKey, token, ttlMs) {
        key = storeKey;
        shared.set(storeKey, token, ttlMs);
      },
    };
    const tokens = managerFor(sandbox, clock, { store });
    const own = await tokens.getToken();
    const checked = async (expiresAt: number) => {
      const other = { ...own, accessToken: new Secret(`other ${expiresAt}`), expiresAt };
      shared.set(key, other, 60_000);
      clock.advance(1000);
      await tokens.getToken();
      await new Promise((resolve) => setTimeout(resolve, 10));
      return (await tokens.getToken()).accessToken.reveal();
    };
    expect(await checked(own.expiresAt - 1)).toBe(own.accessToken.reveal());
    expect(await checked(own.expiresAt + 1)).toBe(`other ${own.expiresAt + 1}`);
    expect(tokens.stats.storeHits).toBe(1);
  });
});

describe('store outages', () => {
  it('are reported once through onStoreError, and again only after the store answered', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const shared = createMemoryTokenStore({ now: clock.now });
    let down = true;
    const failing = <T>(answer: () => T) =>
      down ? Promise.reject(new Error('ECONNREFUSED token=abc')) : answer();
    const store: TokenStore = {
      get: (key) => failing(() => shared.get(key)),
      set: (key, token, ttlMs) => failing(() => shared.set(key, token, ttlMs)),
      lock: (key, ttlMs) => failing(() => shared.lock?.(key, ttlMs)),
    };
    const errors: BridgekitError[] = [];
    const tokens = managerFor(sandbox, clock, { store, onStoreError: (error) => errors.push(error) });
    for (let round = 0; round < 3; round += 1) await tokens.getToken({ forceRefresh: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(NetworkError);
    expect(JSON.stringify(errors[0])).not.toContain('abc');
    down = false;
    await tokens.getToken({ forceRefresh: true });
    down = true;
    await tokens.getToken({ forceRefresh: true });
    expect(errors).toHaveLength(2);
    expect(sandbox.issuedTokens).toBe(5);
  });
});
