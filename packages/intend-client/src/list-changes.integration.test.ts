import { ErrorCode, isPaginationError, type PaginationError } from '@bridgekit/errors';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createIntendClient } from './index.js';
import type { PaginateOptions } from './paginate-options.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
const running: RunningSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(clients: number, pageSize = 50) {
  const sandbox = createIntendSandbox({ apiKey, secretKey, clients, pageSize });
  const server = await sandbox.listen();
  running.push(server);
  const intend = createIntendClient({ baseUrl: server.url, apiKey, secretKey, retry: 0 });
  const list = (options: PaginateOptions<{ id: number }> = {}) => intend.clients.list(undefined, options);
  const listed = () => sandbox.stats.count('GET /api/clients');
  return { sandbox, list, listed };
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);
const ids = (records: readonly { id: number }[]) => records.map((record) => record.id);

describe('the page size is learned', () => {
  it.each([1, 10, 20, 25, 49, 50])('a tenant paging by %i: every record once, in order', async (pageSize) => {
    const { list } = await serve(157, pageSize);
    const listing = list();
    expect(ids(await listing.toArray({ limit: 1000 }))).toEqual(range(157));
    expect(listing.stats).toMatchObject({ pageSize, items: 157, duplicates: 0, changed: false });
    // The page after the last record answers empty, and ends the listing: it counts as a page.
    expect(listing.stats.pages).toBe(Math.floor(157 / pageSize) + 1);
  });

  it.each([
    // [records, the tenant's page size, requests one page at a time]
    [0, 50, 1],
    [15, 50, 2],
    [30, 50, 2],
    [50, 50, 2],
    [100, 50, 3],
    [15, 20, 2],
    [30, 20, 2],
    [50, 20, 3],
    [100, 20, 6],
  ])('%i records paged by %i cost %i requests with concurrency 1', async (count, pageSize, requests) => {
    const { list, listed } = await serve(count, pageSize);
    const listing = list({ concurrency: 1 });
    expect(ids(await listing.toArray({ limit: 1000 }))).toEqual(range(count));
    expect(listed()).toBe(requests);
    expect(listing.stats.requests).toBe(requests);
  });

  it('stays within one window of the pages with the defaults, and a list shorter than a page costs 2', async () => {
    for (const [count, pageSize] of [
      [15, 50],
      [100, 50],
      [1000, 20],
    ] as const) {
      const { list, listed } = await serve(count, pageSize);
      const listing = list();
      expect(ids(await listing.toArray({ limit: 5000 }))).toEqual(range(count));
      const pages = Math.floor(count / pageSize) + 1;
      expect(listed()).toBeLessThanOrEqual(count < pageSize ? 2 : pages + 4 - 1);
    }
  });

  it('a number keeps the rule for a known size: a shorter page ends the listing at once', async () => {
    const { list, listed } = await serve(30, 20);
    const listing = list({ pageSize: 20 });
    expect(ids(await listing.toArray({ limit: 100 }))).toEqual(range(30));
    expect(listed()).toBe(2);
    // Told 50 by a tenant that pages by 20: the first page looks short, and ends the listing.
    const wrong = (await serve(30, 20)).list({ pageSize: 50 });
    expect(await wrong.toArray({ limit: 100 })).toHaveLength(20);
  });

  it('records the page size in checkpoints; resuming from any page yields each remaining record once', async () => {
    const { list } = await serve(95, 20);
    const pages = [];
    for await (const page of list().pages()) pages.push(page);
    expect(pages.map((page) => page.checkpoint)).toEqual([
      { page: 2 },
      { page: 3, pageSize: 20 },
      { page: 4, pageSize: 20 },
      { page: 5, pageSize: 20 },
      { page: 6, pageSize: 20 },
    ]);
    for (const page of pages) {
      const { startPage, pageSize } = { startPage: page.checkpoint.page, pageSize: page.checkpoint.pageSize };
      const rest = await list({ startPage, pageSize }).toArray({ limit: 1000 });
      expect(ids(rest)).toEqual(range(95).slice((startPage - 1) * 20));
    }
  });
});

describe('a list that moves while it is read', () => {
  it('a record inserted before the read position: the repeated record is dropped and reported', async () => {
    const { sandbox, list } = await serve(120);
    sandbox.injectListChange({ after: 1, insert: 1, at: 0 });
    const listing = list({ concurrency: 1 });
    const seen = ids(await listing.toArray({ limit: 1000 }));
    expect(seen).toEqual(range(120));
    expect(listing.stats).toMatchObject({ duplicates: 1, changed: true, items: 120 });
    // With idOf: null the duplicate comes through, still reported by nothing but the caller.
    const { sandbox: again, list: listAgain } = await serve(120);
    again.injectListChange({ after: 1, insert: 1, at: 0 });
    const kept = listAgain({ concurrency: 1, idOf: null });
    expect(await kept.toArray({ limit: 1000 })).toHaveLength(121);
    expect(kept.stats.duplicates).toBe(0);
  });

  it("onChange: 'throw' stops before the page that showed it, and its checkpoint resumes exactly", async () => {
    const { sandbox, list } = await serve(120);
    sandbox.injectListChange({ after: 1, insert: 1, at: 0 });
    const first: number[] = [];
    let error: unknown;
    try {
      for await (const record of list({ concurrency: 1, onChange: 'throw' })) first.push(record.id);
    } catch (caught) {
      error = caught;
    }
    expect(isPaginationError(error)).toBe(true);
    const changed = error as PaginationError;
    expect(changed.code).toBe(ErrorCode.ListChanged);
    expect(changed.code).toBe('BRIDGEKIT_LIST_CHANGED');
    expect(changed.checkpoint).toEqual({ page: 2, pageSize: 50 });
    expect(changed.itemsYielded).toBe(50);
    expect(changed.message).toContain('appeared twice');
    expect(first).toEqual(range(50));
    const { page, pageSize } = changed.checkpoint;
    const rest = ids(await list({ startPage: page, pageSize }).toArray({ limit: 1000 }));
    // The pages from the checkpoint on, as the list now stands: each record once, in order.
    expect(rest).toEqual(sandbox.data.clients.slice(50).map((client) => client.id));
    expect(new Set([...first, ...rest])).toEqual(new Set(range(120)));
  });

  it('a record deleted before the read position is caught only by verify', async () => {
    const { sandbox, list, listed } = await serve(120);
    sandbox.injectListChange({ after: 1, remove: 1, at: 0 });
    const plain = list({ concurrency: 1 });
    const seen = ids(await plain.toArray({ limit: 1000 }));
    // Record 51 moved onto page 1 after it was read: skipped, and nothing shows it.
    expect(seen).not.toContain(51);
    expect(plain.stats.changed).toBe(false);

    const { sandbox: again, list: listAgain, listed: listedAgain } = await serve(120);
    again.injectListChange({ after: 1, remove: 1, at: 0 });
    const verified = listAgain({ concurrency: 1, verify: true });
    await verified.toArray({ limit: 1000 });
    expect(verified.stats.changed).toBe(true);
    // One more request per page read (3 pages).
    expect(listedAgain()).toBe(6);
    expect(verified.stats.requests).toBe(6);
    expect(listed()).toBe(3);
  });

  it("verify with onChange: 'throw' rejects once the listing ends, naming the first page that moved", async () => {
    const { sandbox, list } = await serve(120);
    sandbox.injectListChange({ after: 1, remove: 1, at: 0 });
    const error = await list({ concurrency: 1, verify: true, onChange: 'throw' })
      .toArray({ limit: 1000 })
      .catch((caught: unknown) => caught);
    expect((error as PaginationError).code).toBe(ErrorCode.ListChanged);
    expect((error as PaginationError).checkpoint).toEqual({ page: 1, pageSize: 50 });
    expect((error as PaginationError).message).toContain('verify');
  });

  it('an unchanged list verifies clean', async () => {
    const { list } = await serve(120, 25);
    const listing = list({ verify: true });
    expect(ids(await listing.toArray({ limit: 1000 }))).toEqual(range(120));
    expect(listing.stats).toMatchObject({ changed: false, pageSize: 25, duplicates: 0 });
  });
});
