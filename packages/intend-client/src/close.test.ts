import { AbortError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIntendClient } from './index.js';

const closedMessage = /The Intend client was closed/;

/** A server that never answers: each request waits until its signal fires. */
function hungServer() {
  let sent = 0;
  const fetch = (input: Request | string | URL) => {
    sent += 1;
    const { signal } = input as Request;
    return new Promise<Response>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason)),
    );
  };
  return { fetch, sent: () => sent };
}

const open = (fetch: ReturnType<typeof hungServer>['fetch']) =>
  createIntendClient({
    baseUrl: 'https://acme.intend.test',
    apiKey: 'key',
    secretKey: 'secret-0123456789',
    fetch,
  });

/** Resolves once `condition` holds, checked at every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
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
});
