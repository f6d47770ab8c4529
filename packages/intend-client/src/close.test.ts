import { AbortError } from '@bridgekit/errors';
import { describe, expect, it, vi } from 'vitest';
import { createIntendClient } from './index.js';

const closedMessage = /The Intend client was closed/;

/**
A server that never answers: each request waits until its signal fires, the init's as `fetch`
reads it, or with `requestOnly` the Request's (a fetch that forwards ky's Request alone).
*/
function hungServer({ requestOnly = false } = {}) {
  let sent = 0;
  let aborted = 0;
  const fetch = (input: Request | string | URL, init?: RequestInit) => {
    sent += 1;
    const signal = (requestOnly ? undefined : init?.signal) ?? (input as Request).signal;
    return new Promise<Response>((_resolve, reject) =>
      signal.addEventListener('abort', () => {
        aborted += 1;
        reject(signal.reason);
      }),
    );
  };
  return { fetch, sent: () => sent, aborted: () => aborted };
}

type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

const open = (fetch: Fetch, retry?: object, timeout?: number) =>
  createIntendClient({
    baseUrl: 'https://acme.intend.test',
    apiKey: 'key',
    secretKey: 'secret-0123456789',
    fetch,
    ...(retry && { retry }),
    ...(timeout && { timeout }),
  });

/** A server that asks every request to come back in 20 s, and a client that waits for ky's decision to. */
function busyServer() {
  let sent = 0;
  let decided = 0;
  const fetch: Fetch = async () => {
    sent += 1;
    return new Response('{}', { status: 503, headers: { 'retry-after': '20' } });
  };
  // ky waits as soon as its `shouldRetry` has answered: `undefined` leaves the decision to ky.
  const retry = {
    limit: 1,
    shouldRetry: () => {
      decided += 1;
      return undefined;
    },
  };
  return { fetch, retry, sent: () => sent, decided: () => decided };
}

/** Resolves once `condition` holds, checked at every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** Runs `run` with fake timeouts: ky's waits pass only when a test advances them. */
async function withFakeTimers(run: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await run();
  } finally {
    vi.useRealTimers();
  }
}

describe('the Intend client close()', () => {
  it('aborts calls and list pages in flight, refuses later calls, and counts no failure', async () => {
    const server = hungServer();
    const intend = open(server.fetch);
    const call = intend.clients.get(7).catch((error: unknown) => error);
    const listing = (async () => {
      for await (const _client of intend.clients.list()) return 'a client';
      return 'none';
    })().catch((error: unknown) => error);
    await until(() => server.sent() >= 2);
    await intend.close();
    expect(server.aborted()).toBe(2);
    for (const failure of [await call, await listing]) {
      expect(failure).toBeInstanceOf(AbortError);
      expect((failure as Error).message).toMatch(closedMessage);
    }
    await expect(intend.request('GET', '/api/clients')).rejects.toThrow(closedMessage);
    // A new error each time: a listing attaches its own checkpoint to the one it gets.
    expect(await call).not.toBe(await listing);
    await expect(intend.withOptions({ timeout: 5000 }).clients.get(1)).rejects.toThrow(closedMessage);
    expect(intend.stats.failures).toBe(0);
  });

  it('is what `await using` calls', async () => {
    const server = hungServer();
    let call: Promise<unknown> | undefined;
    {
      await using intend = open(server.fetch);
      call = intend.products.get(3).catch((error: unknown) => error);
      await until(() => server.sent() >= 1);
    }
    expect(await call).toBeInstanceOf(AbortError);
  });

  it('settles a call that waits to retry at once, and sends nothing when the wait runs out', () =>
    withFakeTimers(async () => {
      const server = busyServer();
      const intend = open(server.fetch, server.retry);
      const call = intend.clients.get(7).catch((error: unknown) => error);
      await until(() => server.decided() === 1);
      await new Promise((resolve) => setImmediate(resolve));
      // No timer advanced: the call and close() settle while ky's 20 s wait has not run out.
      await intend.close();
      expect(await call).toBeInstanceOf(AbortError);
      await vi.advanceTimersByTimeAsync(25_000);
      expect(server.sent()).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
      expect(intend.stats).toMatchObject({ requests: 1, retries: 0, failures: 0 });
    }));

  it("cuts ky's wait short at a caller's abort, its timer cleared", () =>
    withFakeTimers(async () => {
      const server = busyServer();
      const intend = open(server.fetch, server.retry);
      const controller = new AbortController();
      const call = intend.clients.get(7, { signal: controller.signal }).catch((error: unknown) => error);
      await until(() => server.decided() === 1);
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      expect(await call).toBeInstanceOf(AbortError);
      expect(vi.getTimerCount()).toBe(0);
      expect(server.sent()).toBe(1);
    }));

  it('stops a request in flight through a fetch that forwards only the Request', async () => {
    const server = hungServer({ requestOnly: true });
    const intend = open(server.fetch);
    const call = intend.clients.get(7).catch((error: unknown) => error);
    await until(() => server.sent() === 1);
    await intend.close();
    expect(await call).toBeInstanceOf(AbortError);
    expect(server.aborted()).toBe(1);
  });

  it('leaves the retries of calls made on `client.ky` to ky, after close() too', async () => {
    let sent = 0;
    const fetch: Fetch = async () =>
      ++sent === 1 ? new Response('{}', { status: 503 }) : Response.json({ response: true, data: { id: 7 } });
    const intend = open(fetch, { limit: 1, delay: () => 0 });
    await intend.close();
    const response = await intend.ky.get('api/clients?client_id=7');
    expect(response.status).toBe(200);
    expect(sent).toBe(2);
  });

  it('waits at most `timeout` between attempts, a backoff of its own included', () =>
    withFakeTimers(async () => {
      let sent = 0;
      const fetch: Fetch = async () =>
        ++sent === 1
          ? new Response('{}', { status: 503 })
          : Response.json({ response: true, data: { id: 7 } });
      const intend = open(fetch, { limit: 1, delay: () => 60_000, jitter: false }, 2000);
      const call = intend.clients.get(7);
      await until(() => sent === 1);
      await vi.advanceTimersByTimeAsync(2000);
      expect(await call).toEqual({ id: 7 });
      expect(sent).toBe(2);
    }));
});
