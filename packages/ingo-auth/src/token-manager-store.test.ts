import { OAuthError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import type { AccessToken } from './access-token.js';
import {
  createClock,
  deferred,
  ingoSandbox,
  recordingFetch,
  sandboxTokenUrl,
  tokenJson,
} from './testing/test-helpers.js';
import { lockRefusals, managerFor } from './testing/token-manager-helpers.js';
import { createTokenManager } from './token-manager.js';
import { createMemoryTokenStore, type TokenStore, type TokenStoreLock } from './token-store.js';

describe('store', () => {
  it('shares tokens between managers, and one lock holder fetches for all', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const first = managerFor(sandbox, clock, { store });
    const second = managerFor(sandbox, clock, { store });
    const [a, b] = await Promise.all([first.getToken(), second.getToken()]);
    expect(a.accessToken.reveal()).toBe(b.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(1);
    expect(first.stats.storeHits + second.stats.storeHits).toBe(1);
  });

  it('keeps working when the store fails', async () => {
    const sandbox = ingoSandbox();
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
      lock: () => Promise.reject(new Error('store down')),
      delete: () => Promise.reject(new Error('store down')),
    };
    const tokens = managerFor(sandbox, createClock(), { store: broken });
    await expect(tokens.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(await tokens.getToken()).toBe(await tokens.getToken());
    expect(sandbox.issuedTokens).toBe(1);
    const throwing = managerFor(sandbox, createClock(), {
      store: {
        ...broken,
        delete: () => {
          throw new Error('store down');
        },
      },
    });
    expect(tokens.invalidate(await tokens.getToken())).toBe(true);
    expect(throwing.invalidate(await throwing.getToken())).toBe(true);
  });

  it('keeps working when the store hangs, one storeTimeout in all: a store that failed the flight is not waited for again', async () => {
    const sandbox = ingoSandbox();
    const calls: string[] = [];
    // What an ioredis client does while disconnected: queue every command, answer none.
    const hanging: TokenStore = {
      get: () => {
        calls.push('get');
        return new Promise(() => undefined);
      },
      set: () => {
        calls.push('set');
        return new Promise(() => undefined);
      },
      lock: () => {
        calls.push('lock');
        return new Promise(() => undefined);
      },
    };
    const tokens = managerFor(sandbox, createClock(), { store: hanging, storeTimeout: 400, timeout: 60_000 });
    const started = performance.now();
    await expect(tokens.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
    // Before: get, lock and set each waited out storeTimeout (1.2 s) before the caller had a token;
    // one storeTimeout (400 ms) leaves as much again for a loaded machine's stalls.
    expect(performance.now() - started).toBeLessThan(800);
    expect(calls).toEqual(['get', 'set']);
    expect(sandbox.issuedTokens).toBe(1);
    expect(await tokens.getToken()).toBe(await tokens.getToken());
  });

  it('hands back a lock granted after the manager stopped waiting for it', async () => {
    const sandbox = ingoSandbox();
    const lateLock = deferred<TokenStoreLock | undefined>();
    const released = deferred();
    const store: TokenStore = { get: () => undefined, set: () => undefined, lock: () => lateLock.promise };
    const tokens = managerFor(sandbox, createClock(), { store, storeTimeout: 20 });
    await tokens.getToken();
    lateLock.resolve({ release: () => released.resolve() });
    await released.promise;
    expect(sandbox.issuedTokens).toBe(1);
  });

  it('stores the token and lets go of the lock before any caller gets it, so a script may quit its store then', async () => {
    const sandbox = ingoSandbox();
    const shared = createMemoryTokenStore();
    const stored = deferred();
    const events: string[] = [];
    const store: TokenStore = {
      get: (key) => shared.get(key),
      async set(key, token, ttlMs) {
        events.push('set started');
        await stored.promise;
        shared.set(key, token, ttlMs);
        events.push('set done');
      },
      async lock(key, ttlMs) {
        const lock = await shared.lock?.(key, ttlMs);
        return (
          lock && {
            release() {
              events.push('released');
            },
          }
        );
      },
    };
    const tokens = managerFor(sandbox, createClock(), { store, storeTimeout: 60_000 });
    const token = tokens.getToken().then(() => events.push('caller has it'));
    await expect.poll(() => events).toEqual(['set started']);
    stored.resolve();
    await token;
    expect(events).toEqual(['set started', 'set done', 'released', 'caller has it']);
  });

  it('takes anything in the store that is not a token for a miss', async () => {
    const values: unknown[] = [
      {
        accessToken: 'not a Secret',
        tokenType: 'Bearer',
        expiresAt: Date.now() + 60_000,
        issuedAt: 0,
        scope: 's',
      },
      {
        accessToken: {
          reveal() {
            throw new Error('cannot decrypt');
          },
        },
      },
      { accessToken: { reveal: () => '' }, expiresAt: Number.POSITIVE_INFINITY, issuedAt: 0, scope: 's' },
      { accessToken: { reveal: () => 'x' }, tokenType: 'MAC', expiresAt: 1, issuedAt: 0, scope: 's' },
      { accessToken: { reveal: () => 'x' }, expiresAt: '2030', issuedAt: 0, scope: 's' },
      'a string',
      42,
      null,
    ];
    for (const value of values) {
      const sandbox = ingoSandbox();
      const store: TokenStore = { get: () => value as AccessToken, set: () => undefined };
      const tokens = managerFor(sandbox, createClock(), { store });
      const token = await tokens.getToken();
      expect(token.accessToken.reveal()).toMatch(/^ey/);
      expect(sandbox.issuedTokens).toBe(1);
    }
  });

  it('fetches as soon as a lock holder fails without storing a token', async () => {
    const { store, refused } = lockRefusals();
    const { fetch, requests } = recordingFetch(async (_request, index) => {
      // The first request (the lock holder's) fails only once the other manager waits on it.
      if (index === 0) await refused;
      return tokenJson({ error: 'invalid_client' }, 400);
    });
    // A long timeout: waiting it out instead would run into the test's own timeout.
    const options = { tokenUrl: sandboxTokenUrl, clientId: 'a', clientSecret: 'b', scope: 's', fetch, store };
    const holder = createTokenManager({ ...options, timeout: 60_000 });
    const waiter = createTokenManager({ ...options, timeout: 60_000 });
    const [first, second] = await Promise.all([
      holder.getToken().catch((caught: unknown) => caught),
      waiter.getToken().catch((caught: unknown) => caught),
    ]);
    expect(first).toBeInstanceOf(OAuthError);
    expect(second).toBeInstanceOf(OAuthError);
    expect(requests).toHaveLength(2);
    expect(holder.stats.tokenRequests + waiter.stats.tokenRequests).toBe(2);
  });

  it.each([
    ['its first read', 1],
    ['a poll', 2],
  ])("takes the holder's token that was stored between %s and its lock", async (_read, late) => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const shared = createMemoryTokenStore({ now: clock.now });
    const released = deferred();
    const holderStore: TokenStore = {
      ...shared,
      async lock(key, ttlMs) {
        const lock = await shared.lock?.(key, ttlMs);
        return (
          lock && {
            release() {
              lock.release();
              released.resolve();
            },
          }
        );
      },
    };
    let reads = 0;
    // This read of the late manager answers "nothing" only after the holder stored and let go.
    const lateStore: TokenStore = {
      ...shared,
      async get(key) {
        reads += 1;
        if (reads !== late) return shared.get(key);
        await released.promise;
        return undefined;
      },
    };
    const holder = managerFor(sandbox, clock, { store: holderStore, storeTimeout: 60_000 }).getToken();
    const [a, b] = await Promise.all([
      holder,
      managerFor(sandbox, clock, { store: lateStore, storeTimeout: 60_000 }).getToken(),
    ]);
    expect(b.accessToken.reveal()).toBe(a.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(1);
  });

  it('lets go of its lock before the caller has a token it found under the lock (a process may quit at once)', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const shared = createMemoryTokenStore({ now: clock.now });
    // Another process's token: the first read misses it, the read under the lock finds it.
    const stored = await managerFor(sandbox, clock, { store: shared }).getToken();
    const events: string[] = [];
    let reads = 0;
    const store: TokenStore = {
      ...shared,
      get: (key) => {
        reads += 1;
        return reads === 1 ? undefined : shared.get(key);
      },
      async lock(key, ttlMs) {
        const lock = await shared.lock?.(key, ttlMs);
        return (
          lock && {
            async release() {
              // A round trip to the store, slower than any chain of promises.
              await new Promise((resolve) => setImmediate(resolve));
              await lock.release();
              events.push('released');
            },
          }
        );
      },
    };
    const token = await managerFor(sandbox, clock, { store, storeTimeout: 60_000 }).getToken();
    events.push('caller has it');
    expect(token.accessToken.reveal()).toBe(stored.accessToken.reveal());
    expect(events).toEqual(['released', 'caller has it']);
    expect(sandbox.issuedTokens).toBe(1);
  });

  it('starts the next refresh earlier by the time the store took (a Redis that times out)', async () => {
    const sandbox = ingoSandbox({ tokenTtlSeconds: 100 });
    const clock = createClock();
    const hanging: TokenStore = { get: () => new Promise(() => undefined), set: () => undefined };
    const tokens = managerFor(sandbox, clock, { store: hanging, storeTimeout: 200 });
    const first = await tokens.getToken();
    // 10 s ahead (10% of 100 s), plus the 200 ms the store took and the request itself.
    clock.advance(first.expiresAt - clock.now() - 10_150);
    expect(await tokens.getToken()).toBe(first);
    expect(tokens.stats.backgroundRefreshes).toBe(1);
  });
});
