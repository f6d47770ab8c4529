import { isAbortError, isPaginationError, isServerError, ServerError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import type { PageFetcher } from './page-queue.js';
import type { RawPage } from './page-shape.js';
import { Paginator } from './paginator.js';

interface Item {
  id: number;
}

/** A fake server of `total` records, 50 a page, that records what was asked and can be told to fail. */
function fakeServer(
  total: number,
  options: { lastPage?: boolean; failPage?: number; failTimes?: number } = {},
) {
  const requested: number[] = [];
  const aborted: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failuresLeft = options.failTimes ?? 0;
  const pending = new Map<number, () => void>();
  const fetcher: PageFetcher<Item> = (page, signal) => {
    requested.push(page);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<RawPage<Item>>((resolve, reject) => {
      const finish = () => {
        inFlight -= 1;
        pending.delete(page);
        if (page === options.failPage && failuresLeft > 0) {
          failuresLeft -= 1;
          reject(new ServerError({ status: 503, method: 'GET', url: `https://x.test/list?page=${page}` }));
          return;
        }
        const start = (page - 1) * 50;
        const items = Array.from({ length: Math.max(0, Math.min(50, total - start)) }, (_, index) => ({
          id: start + index + 1,
        }));
        resolve({
          items,
          lastPage: options.lastPage ? Math.max(1, Math.ceil(total / 50)) : undefined,
          total: options.lastPage ? total : undefined,
          hasNext: undefined,
        });
      };
      signal.addEventListener('abort', () => {
        aborted.push(page);
        inFlight -= 1;
        pending.delete(page);
        reject(signal.reason);
      });
      pending.set(page, finish);
      // Resolve on a later turn so several requests can be in flight at once.
      queueMicrotask(() => setImmediate(() => pending.get(page)?.()));
    });
  };
  return { fetcher, requested, aborted, maxInFlight: () => maxInFlight };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('Paginator', () => {
  it.each([0, 1, 49, 50, 51, 240])(
    'yields exactly %i records, in order, without duplicates',
    async (total) => {
      const server = fakeServer(total);
      const items = await collect(new Paginator(server.fetcher));
      expect(items.map((item) => item.id)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    },
  );

  it('stops at a short page, fetching at most `prefetch` pages past the end', async () => {
    const server = fakeServer(120);
    await collect(new Paginator(server.fetcher, { prefetch: 1 }));
    expect(Math.max(...server.requested)).toBeLessThanOrEqual(4);
    expect(server.requested.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it.each([
    [1, 2],
    [4, 2],
    [8, 0],
  ])(
    'with concurrency %i and prefetch %i, never holds more than concurrency + prefetch + 1 pages',
    async (concurrency, prefetch) => {
      const server = fakeServer(5000);
      let worst = 0;
      for await (const page of new Paginator(server.fetcher, { prefetch, concurrency }).pages()) {
        // Pages requested beyond the one being consumed, and not cancelled: in flight or waiting.
        const ahead = server.requested.filter(
          (number) => number > page.number && !server.aborted.includes(number),
        );
        worst = Math.max(worst, ahead.length + 1);
        // A slow consumer: the window fills up to its bound while this page is being handled.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(worst).toBeLessThanOrEqual(concurrency + prefetch + 1);
      expect(worst).toBeGreaterThanOrEqual(Math.min(concurrency, 2));
    },
  );

  it('uses last_page: fetches in parallel up to `concurrency`, never past the end, yields in order', async () => {
    const server = fakeServer(500, { lastPage: true });
    const pages = await collect(new Paginator(server.fetcher, { concurrency: 4 }).pages());
    expect(pages.map((page) => page.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(server.maxInFlight()).toBeGreaterThan(2);
    expect(server.maxInFlight()).toBeLessThanOrEqual(5);
    expect(Math.max(...server.requested)).toBe(10);
    expect(pages[0]?.total).toBe(500);
  });

  it('break stops fetching and aborts the prefetched page', async () => {
    const server = fakeServer(10_000);
    const seen: number[] = [];
    for await (const item of new Paginator(server.fetcher, { prefetch: 3 })) {
      seen.push(item.id);
      if (item.id === 60) break;
    }
    expect(seen).toHaveLength(60);
    const before = server.requested.length;
    expect(server.aborted.length).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.requested.length).toBe(before);
  });

  it('a failure carries the checkpoint and the records yielded; resuming loses and duplicates nothing', async () => {
    const server = fakeServer(240, { failPage: 3, failTimes: 1 });
    const seen: number[] = [];
    let failure: unknown;
    try {
      for await (const item of new Paginator(server.fetcher)) seen.push(item.id);
    } catch (error) {
      failure = error;
    }
    expect(isServerError(failure)).toBe(true);
    const error = failure as ServerError;
    expect(error.checkpoint).toEqual({ page: 3, pageSize: 50 });
    expect(error.itemsYielded).toBe(100);
    expect(error.message).toContain('startPage: 3');
    for await (const item of new Paginator(server.fetcher, { startPage: error.checkpoint?.page ?? 1 }))
      seen.push(item.id);
    expect(seen).toEqual(Array.from({ length: 240 }, (_, index) => index + 1));
  });

  it('every page carries the checkpoint to resume after it', async () => {
    const pages = await collect(new Paginator(fakeServer(120).fetcher).pages());
    expect(pages.map((page) => page.checkpoint.page)).toEqual([2, 3, 4]);
  });

  it('guards against a server that sends the same page again', async () => {
    const fetcher: PageFetcher<Item> = async () => ({
      items: Array.from({ length: 50 }, (_, index) => ({ id: index + 1 })),
      lastPage: undefined,
      total: undefined,
      hasNext: undefined,
    });
    const failure = await collect(new Paginator(fetcher)).catch((error: unknown) => error);
    expect(isPaginationError(failure)).toBe(true);
    expect(failure).toMatchObject({ checkpoint: { page: 2 }, itemsYielded: 50 });
  });

  it('honours maxPages, maxItems and toArray({limit})', async () => {
    expect(await collect(new Paginator(fakeServer(1000).fetcher, { maxPages: 2 }))).toHaveLength(100);
    expect(await collect(new Paginator(fakeServer(1000).fetcher, { maxItems: 75 }))).toHaveLength(75);
    const server = fakeServer(1000);
    expect(await new Paginator(server.fetcher).toArray({ limit: 120 })).toHaveLength(120);
    expect(Math.max(...server.requested)).toBeLessThanOrEqual(4);
  });

  it('an abort signal stops the listing with an AbortError carrying the checkpoint', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const item of new Paginator(fakeServer(1000).fetcher, { signal: controller.signal })) {
        seen.push(item.id);
        if (item.id === 100) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(isAbortError(failure)).toBe(true);
    expect(seen).toHaveLength(100);
    expect(failure).toMatchObject({ checkpoint: { page: 3 }, itemsYielded: 100 });
  });

  it('reports progress once per page', async () => {
    const progress: Array<[number, number]> = [];
    await collect(
      new Paginator(fakeServer(120).fetcher, {
        onPage: ({ page, items }) => progress.push([page, items.length]),
      }),
    );
    expect(progress).toEqual([
      [1, 50],
      [2, 50],
      [3, 20],
    ]);
  });

  it('rejects bad options with a ConfigurationError naming the option', () => {
    expect(() => new Paginator(fakeServer(1).fetcher, { startPage: 0 })).toThrow(/`startPage`/);
    expect(() => new Paginator(fakeServer(1).fetcher, { prefetch: 1.5 })).toThrow(/`prefetch`/);
  });

  it('a page cut short by maxItems resumes from itself, so nothing is lost', async () => {
    const server = fakeServer(240);
    const pages = await collect(new Paginator(server.fetcher, { maxItems: 75 }).pages());
    const last = pages.at(-1);
    expect(last?.checkpoint).toEqual({ page: 2, pageSize: 50 });
    const seen = new Set(pages.flatMap((page) => page.items.map((item) => item.id)));
    for await (const item of new Paginator(server.fetcher, { startPage: last?.checkpoint.page ?? 1 }))
      seen.add(item.id);
    expect([...seen].sort((left, right) => left - right)).toEqual(
      Array.from({ length: 240 }, (_, index) => index + 1),
    );
  });

  it('toArray without a limit names `limit`', async () => {
    const paginator = new Paginator(fakeServer(10).fetcher);
    await expect(paginator.toArray({} as { limit: number })).rejects.toThrow(/`limit`/);
  });
});
