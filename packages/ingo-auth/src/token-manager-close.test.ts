import { AbortError, isAbortError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createClock, deferred, hungFetch, ingoSandbox } from './testing/test-helpers.js';
import { managerFor } from './testing/token-manager-helpers.js';
import { createMemoryTokenStore, type TokenStore } from './token-store.js';

const closedMessage = /The token manager was closed/;

describe('close()', () => {
  it('aborts a token request in flight: every waiting caller rejects with an AbortError that says so', async () => {
    const endpoint = hungFetch();
    const tokens = managerFor(ingoSandbox(), createClock(), { fetch: endpoint.fetch });
    const callers = [tokens.getToken(), tokens.getAuthorizationHeader()];
    await endpoint.sent;
    await tokens.close();
    for (const caller of callers) {
      const error = await caller.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as Error).message).toMatch(closedMessage);
    }
    expect(endpoint.aborted()).toBe(1);
  });

  it('refuses later calls the same way, though a token was cached', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    await tokens.getToken();
    await tokens.close();
    await expect(tokens.getToken()).rejects.toThrow(closedMessage);
    await expect(tokens.getToken({ forceRefresh: true })).rejects.toSatisfy(isAbortError);
    expect(sandbox.issuedTokens).toBe(1);
    expect(tokens.stats.calls).toBe(3);
  });

  it('is what `await using` calls, and returns the same promise when called again', async () => {
    const endpoint = hungFetch();
    let pending: Promise<unknown> | undefined;
    {
      await using tokens = managerFor(ingoSandbox(), createClock(), { fetch: endpoint.fetch });
      pending = tokens.getToken().catch((error: unknown) => error);
      await endpoint.sent;
      expect(tokens.close()).toBe(tokens.close());
    }
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('releases the lock it holds and waits for the store before it resolves', async () => {
    const endpoint = hungFetch();
    const memory = createMemoryTokenStore();
    const released = deferred();
    let releasedBeforeClose = false;
    const store: TokenStore = {
      get: (key) => memory.get(key),
      set: (key, token, ttl) => memory.set(key, token, ttl),
      async lock(key, ttl) {
        const lock = await memory.lock?.(key, ttl);
        return (
          lock && {
            async release() {
              await new Promise((resolve) => setTimeout(resolve, 20));
              await lock.release();
              releasedBeforeClose = true;
              released.resolve();
            },
          }
        );
      },
    };
    const tokens = managerFor(ingoSandbox(), createClock(), { fetch: endpoint.fetch, store });
    const caller = tokens.getToken().catch((error: unknown) => error);
    await endpoint.sent;
    await tokens.close();
    expect(releasedBeforeClose).toBe(true);
    expect(await caller).toBeInstanceOf(AbortError);
    // The lock is free: another manager on the store takes it at once.
    expect(await memory.lock?.('anything', 1000)).toBeDefined();
  });

  it('takes no lock and sends no token request once closed while the store was being read', async () => {
    const reading = deferred<undefined>();
    const readStarted = deferred();
    let locks = 0;
    let requests = 0;
    const store: TokenStore = {
      get: () => {
        readStarted.resolve();
        return reading.promise;
      },
      set: () => undefined,
      lock: () => {
        locks += 1;
        return { release: () => undefined };
      },
    };
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock(), {
      store,
      fetch: (input, init) => {
        requests += 1;
        return sandbox.fetch(input, init);
      },
    });
    const caller = tokens.getToken().catch((error: unknown) => error);
    await readStarted.promise;
    const closed = tokens.close();
    reading.resolve(undefined);
    await closed;
    expect(await caller).toBeInstanceOf(AbortError);
    expect({ locks, requests }).toEqual({ locks: 0, requests: 0 });
  });

  it('stops a background refresh without reporting it as a failure', async () => {
    const clock = createClock();
    const sandbox = ingoSandbox();
    const errors: unknown[] = [];
    let hang = false;
    const endpoint = hungFetch();
    const tokens = managerFor(sandbox, clock, {
      fetch: (input, init) => (hang ? endpoint.fetch(input, init) : sandbox.fetch(input, init)),
      onTokenError: (error) => errors.push(error),
    });
    const first = await tokens.getToken();
    hang = true;
    clock.advance(first.expiresAt - clock.now() - 1000);
    // Due for a refresh: served at once, while one refresh hangs behind it.
    expect(await tokens.getToken()).toBe(first);
    await endpoint.sent;
    await tokens.close();
    expect(endpoint.aborted()).toBe(1);
    expect(errors).toEqual([]);
    expect(tokens.stats.failures).toBe(0);
  });

  it("lets a caller's own signal stop its wait at once, while the request goes on for the others", async () => {
    const gate = deferred();
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock(), {
      fetch: async (input, init) => {
        await gate.promise;
        return sandbox.fetch(input, init);
      },
    });
    const impatient = new AbortController();
    const leaving = tokens.getToken({ signal: impatient.signal });
    const staying = tokens.getToken();
    impatient.abort();
    await expect(leaving).rejects.toThrow(/aborted by the caller/);
    gate.resolve();
    expect((await staying).accessToken.reveal()).toBeTruthy();
    expect(sandbox.issuedTokens).toBe(1);
    await tokens.close();
  });
});
