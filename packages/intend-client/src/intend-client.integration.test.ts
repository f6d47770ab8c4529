import {
  isAbortError,
  isAuthenticationError,
  isNotFoundError,
  isPaginationError,
  isResponseFormatError,
  isServerError,
  type ServerError,
} from '@bridgekit/errors';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createIntendClient, type IntendClientOptions } from './index.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
const running: RunningSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(options: Partial<Parameters<typeof createIntendSandbox>[0]> = {}) {
  const sandbox = createIntendSandbox({ apiKey, secretKey, ...options });
  const server = await sandbox.listen();
  running.push(server);
  return { sandbox, url: server.url };
}

function connect(url: string, options: Partial<IntendClientOptions> = {}) {
  return createIntendClient({
    baseUrl: url,
    apiKey,
    secretKey,
    retry: { limit: 2, backoffLimit: 20 },
    ...options,
  });
}

function ids(records: readonly { id: number }[]): number[] {
  return records.map((record) => record.id);
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('intend-client against the Intend sandbox over loopback', () => {
  it.each([0, 1, 49, 50, 51, 240, 5000])(
    'lists exactly %i clients, in order, without duplicates',
    async (count) => {
      const { sandbox, url } = await serve({ clients: count });
      const seen: number[] = [];
      for await (const client of connect(url).clients.list(undefined, { prefetch: 2 })) seen.push(client.id);
      expect(seen).toEqual(range(count));
      // A full last page needs one more (empty) request to prove it was the last.
      expect(sandbox.stats.count('GET /api/clients', 200)).toBeLessThanOrEqual(
        Math.floor(count / 50) + 1 + 2,
      );
    },
  );

  it('resumes from the checkpoint of a failure without losing or duplicating records', async () => {
    const { sandbox, url } = await serve({ clients: 240 });
    sandbox.injectFault({ kind: 'status', status: 500, route: 'GET /api/clients', after: 2, times: 3 });
    const seen: number[] = [];
    let failure: unknown;
    try {
      // One request at a time, so the injected failures land on page 3 and its retries alone.
      const listing = connect(url).clients.list(undefined, { prefetch: 0, concurrency: 1 });
      for await (const client of listing) seen.push(client.id);
    } catch (error) {
      failure = error;
    }
    expect(isServerError(failure)).toBe(true);
    const { checkpoint, itemsYielded } = failure as ServerError;
    expect(checkpoint).toEqual({ page: 3, pageSize: 50 });
    expect(itemsYielded).toBe(100);
    for await (const client of connect(url).clients.list(undefined, { startPage: checkpoint?.page ?? 1 }))
      seen.push(client.id);
    expect(seen).toEqual(range(240));
  });

  it('completes a listing under 30% injected 503s by retrying', async () => {
    const { sandbox, url } = await serve({
      clients: 1000,
      faults: { errorRate: 0.3, errorStatuses: [503] },
      seed: 3,
    });
    const records = await connect(url, { retry: { limit: 10, backoffLimit: 10 } })
      .clients.list()
      .toArray({ limit: 5000 });
    expect(ids(records)).toEqual(range(1000));
    expect(sandbox.stats.count('GET /api/clients', 503)).toBeGreaterThan(0);
  });

  it('retries dropped connections and truncated bodies', async () => {
    const { sandbox, url } = await serve({ clients: 120 });
    sandbox.injectFault({ kind: 'drop', route: 'GET /api/clients', after: 1 });
    sandbox.injectFault({ kind: 'truncated-body', route: 'GET /api/clients', after: 2 });
    const records = await connect(url).clients.list(undefined, { prefetch: 0 }).toArray({ limit: 1000 });
    expect(ids(records)).toEqual(range(120));
    expect(sandbox.stats.faults).toMatchObject({ drop: 1, 'truncated-body': 1 });
  });

  it('honours 429 Retry-After', async () => {
    const { sandbox, url } = await serve({ clients: 3 });
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, route: 'GET /api/clients' });
    const started = performance.now();
    expect(await connect(url).clients.get(2)).toMatchObject({ id: 2 });
    // Not a speed check: a client that ignored Retry-After would come back sooner than the server asked.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.stats.count('GET /api/clients', 429)).toBe(1);
    expect(sandbox.stats.count('GET /api/clients', 200)).toBe(1);
  });

  it('an abort mid-listing stops the requests', async () => {
    const { sandbox, url } = await serve({ clients: 5000, faults: { latency: 5 } });
    const controller = new AbortController();
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const client of connect(url).clients.list(undefined, {
        signal: controller.signal,
        prefetch: 1,
      })) {
        seen.push(client.id);
        if (seen.length === 100) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(isAbortError(failure)).toBe(true);
    expect(seen).toHaveLength(100);
    // Two pages consumed, at most prefetch + 1 more sent before the abort: far from the 100 pages.
    expect(sandbox.stats.count('GET /api/clients')).toBeLessThanOrEqual(4);
  });

  it('a wrong secret gives AuthenticationError', async () => {
    const { url } = await serve();
    const failure = await connect(url, { secretKey: 'not-the-secret-key-0000' })
      .clients.get(1)
      .catch((error: unknown) => error);
    expect(isAuthenticationError(failure)).toBe(true);
    expect(String(failure)).toContain('signature_mismatch');
  });

  it('malformed JSON gives ResponseFormatError', async () => {
    const { sandbox, url } = await serve();
    sandbox.injectFault({ kind: 'malformed-json' });
    const failure = await connect(url)
      .clients.get(1)
      .catch((error: unknown) => error);
    expect(isResponseFormatError(failure)).toBe(true);
  });

  it('the repeated-page guard fires against a server that ignores `page`', async () => {
    const { url } = await serve({ clients: 240, ignorePageParameter: true });
    const failure = await connect(url)
      .clients.list()
      .toArray({ limit: 1000 })
      .catch((error: unknown) => error);
    expect(isPaginationError(failure)).toBe(true);
    expect(failure).toMatchObject({ checkpoint: { page: 2 }, itemsYielded: 50 });
  });

  it('fetches pages in parallel when the server sends last_page', async () => {
    const { url } = await serve({ clients: 1000, paginationMetadata: true });
    const pages = [];
    for await (const page of connect(url).clients.list(undefined, { concurrency: 4 }).pages())
      pages.push(page.number);
    expect(pages).toEqual(range(20));
  });

  it('gets, creates and filters records', async () => {
    const { url } = await serve({ clients: 60, products: 30 });
    const intend = connect(url);
    const created = await intend.clients.create({
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@example.com',
    });
    expect(created).toMatchObject({ id: 61, first_name: 'Grace' });
    expect(await intend.clients.get(61)).toMatchObject({ email: 'grace@example.com' });
    expect(isNotFoundError(await intend.clients.get(999).catch((error: unknown) => error))).toBe(true);
    const trade = await intend.clients.list({ clientType: 'trade' }).toArray({ limit: 100 });
    expect(trade.length).toBeGreaterThan(0);
    expect(trade.every((client) => client.type?.code === 'trade')).toBe(true);
    const products = await intend.products.list({ categoryId: 3 }).toArray({ limit: 100 });
    expect(products.every((product) => product.category_id === 3)).toBe(true);
    expect(await intend.categories.get(1)).toMatchObject({ id: 1 });
    const sale = await intend.sales.create({ items: [{ product_id: 1, quantity: 2 }], currency: 'USD' });
    expect(await intend.sales.get(sale.id)).toMatchObject({ currency: 'USD' });
  });
});
