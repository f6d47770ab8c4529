import { isPaginationError, isServerError, ServerError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import type { PageFetchEvents, PageFetcher } from './page-queue.js';
import type { RawPage } from './page-shape.js';
import { Paginator } from './paginator.js';

interface Item {
  id: number;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
A server of `total` records, 50 a page, with no pagination metadata (the shape Intend documents),
whose answers the test releases one page at a time, in any order.
*/
function manualServer(total: number) {
  const requested: number[] = [];
  const waiting = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  const events = new Map<number, PageFetchEvents | undefined>();
  let inFlight = 0;
  let maxInFlight = 0;
  const page = (number: number): RawPage<Item> => {
    const start = (number - 1) * 50;
    const count = Math.max(0, Math.min(50, total - start));
    const items = Array.from({ length: count }, (_, index) => ({ id: start + index + 1 }));
    return { items, lastPage: undefined, total: undefined, hasNext: undefined };
  };
  const fetcher: PageFetcher<Item> = (number, signal, pageEvents) =>
    new Promise<RawPage<Item>>((resolve, reject) => {
      requested.push(number);
      events.set(number, pageEvents);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const settle = () => {
        inFlight -= 1;
        waiting.delete(number);
      };
      waiting.set(number, {
        resolve: () => {
          settle();
          resolve(page(number));
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      signal.addEventListener('abort', () => {
        if (!waiting.has(number)) return;
        settle();
        reject(signal.reason);
      });
    });
  return {
    fetcher,
    requested,
    inFlight: () => [...waiting.keys()].sort((a, b) => a - b),
    maxInFlight: () => maxInFlight,
    events: (number: number) => events.get(number),
    async answer(number: number) {
      waiting.get(number)?.resolve();
      await tick();
    },
    async fail(number: number) {
      waiting
        .get(number)
        ?.reject(new ServerError({ status: 503, method: 'GET', url: 'https://x.test/list' }));
      await tick();
    },
    /** Answers every page in flight, lowest first, until the listing is done. */
    async answerAll(done: () => boolean) {
      for (let rounds = 0; !done() && rounds < 10_000; rounds += 1) {
        const [lowest] = [...waiting.keys()].sort((a, b) => a - b);
        if (lowest === undefined) await tick();
        else await this.answer(lowest);
      }
    },
  };
}

/** Runs a listing in the background, collecting its records and its error. */
function run(paginator: Paginator<Item>) {
  const state = { ids: [] as number[], done: false, error: undefined as unknown };
  (async () => {
    try {
      for await (const item of paginator) state.ids.push(item.id);
    } catch (error) {
      state.error = error;
    } finally {
      state.done = true;
    }
  })();
  return state;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('speculative pages when the end is unknown', () => {
  it.each([
    // A short first page is confirmed by the next (the tenant may page by fewer than 50).
    [30, 2],
    [49, 2],
    [50, 2],
    [51, 2],
  ])('a list of %i records costs exactly %i request(s)', async (total, requests) => {
    const server = manualServer(total);
    const listing = run(new Paginator(server.fetcher));
    await tick();
    await server.answerAll(() => listing.done);
    expect(listing.ids).toEqual(range(1, total));
    expect(server.requested).toHaveLength(requests);
  });

  it('grows the window by one per full page: 1 alone, 2 alone, then 2, 3, 4 at a time', async () => {
    const server = manualServer(5000);
    const listing = run(new Paginator(server.fetcher));
    await tick();
    const windows: number[][] = [];
    for (let answered = 1; answered <= 6; answered += 1) {
      windows.push(server.inFlight());
      await server.answer(server.inFlight()[0] ?? 0);
    }
    expect(windows).toEqual([[1], [2], [3, 4], [4, 5, 6], [5, 6, 7, 8], [6, 7, 8, 9]]);
    await server.answerAll(() => listing.done);
    expect(listing.ids).toHaveLength(5000);
  });

  it('sends at most n + concurrency - 1 requests, never more than concurrency at once', async () => {
    for (const concurrency of [1, 2, 4, 8]) {
      const server = manualServer(5000);
      const listing = run(new Paginator(server.fetcher, { concurrency }));
      await server.answerAll(() => listing.done);
      expect(listing.ids).toEqual(range(1, 5000));
      // 100 full pages and the empty 101st.
      expect(server.requested.length).toBeLessThanOrEqual(101 + concurrency - 1);
      expect(server.maxInFlight()).toBeLessThanOrEqual(concurrency);
      if (concurrency === 1) expect(server.requested).toEqual(range(1, 101));
    }
  });

  it('yields in page order when pages complete out of order', async () => {
    const server = manualServer(400);
    const pages: number[] = [];
    const paginator = new Paginator(server.fetcher, { onPage: ({ page }) => pages.push(page) });
    const listing = run(paginator);
    await server.answer(1);
    await server.answer(2);
    await server.answer(4);
    await server.answer(3);
    await server.answerAll(() => listing.done);
    expect(pages).toEqual(range(1, 9));
    expect(listing.ids).toEqual(range(1, 400));
  });

  it('a failure on page k after later pages came back: checkpoint k, nothing past k, resumable', async () => {
    const server = manualServer(1000);
    const listing = run(new Paginator(server.fetcher));
    for (const page of [1, 2, 3]) await server.answer(page);
    // Pages 4, 5 and 6 are in flight: 5 and 6 come back, then 4 fails.
    await server.answer(5);
    await server.answer(6);
    await server.fail(4);
    await tick();
    expect(listing.done).toBe(true);
    expect(isServerError(listing.error)).toBe(true);
    expect((listing.error as ServerError).checkpoint).toEqual({ page: 4, pageSize: 50 });
    expect(listing.ids).toEqual(range(1, 150));
    const resumed = manualServer(1000);
    const rest = run(new Paginator(resumed.fetcher, { startPage: 4 }));
    await resumed.answerAll(() => rest.done);
    expect([...listing.ids, ...rest.ids]).toEqual(range(1, 1000));
  });

  it('never surfaces errors or empty answers from pages past the end', async () => {
    const server = manualServer(160);
    const listing = run(new Paginator(server.fetcher, { concurrency: 8 }));
    for (const page of [1, 2, 3]) await server.answer(page);
    // Page 4 is the short last page; 5 and 6 were speculative and fail before 4 arrives.
    await server.fail(6);
    await server.fail(5);
    await server.answer(4);
    await server.answerAll(() => listing.done);
    expect(listing.error).toBeUndefined();
    expect(listing.ids).toEqual(range(1, 160));
    expect(server.inFlight()).toEqual([]);
  });

  it('never requests a page past what the limit needs', async () => {
    for (const [limit, pages] of [
      [10, 1],
      [50, 1],
      [51, 2],
      [120, 3],
    ] as const) {
      const server = manualServer(5000);
      let items: Item[] = [];
      const done = new Paginator(server.fetcher, { concurrency: 8 }).toArray({ limit }).then((result) => {
        items = result;
      });
      let finished = false;
      void done.then(() => {
        finished = true;
      });
      await server.answerAll(() => finished);
      expect(items).toHaveLength(limit);
      expect(Math.max(...server.requested)).toBe(pages);
    }
  });

  it('pauses the window while the server asked to wait (429 with Retry-After)', async () => {
    const server = manualServer(5000);
    const listing = run(new Paginator(server.fetcher, { concurrency: 4 }));
    for (const page of [1, 2, 3]) await server.answer(page);
    expect(server.inFlight()).toEqual([4, 5, 6]);
    // Page 4 got a 429 and ky waits it out: the window pauses until the retry goes out.
    server.events(4)?.paused();
    await server.answer(5);
    await server.answer(6);
    // Pages 5 and 6 came back but the window is paused: nothing new is requested.
    expect(server.inFlight()).toEqual([4]);
    expect(Math.max(...server.requested)).toBe(6);
    server.events(4)?.resumed();
    await tick();
    expect(Math.max(...server.requested)).toBeGreaterThan(6);
    await server.answerAll(() => listing.done);
    expect(listing.ids).toEqual(range(1, 5000));
  });

  it('keeps break, abort, onPage and the repeated-page guard working with the window at its largest', async () => {
    const server = manualServer(5000);
    const controller = new AbortController();
    const seen: number[] = [];
    const listing = run(
      new Paginator(server.fetcher, {
        concurrency: 8,
        signal: controller.signal,
        onPage: ({ page }) => seen.push(page),
      }),
    );
    for (let page = 1; page <= 12; page += 1) await server.answer(page);
    expect(server.inFlight().length).toBe(8);
    controller.abort();
    await tick();
    expect(listing.done).toBe(true);
    expect(server.inFlight()).toEqual([]);
    expect(seen).toEqual(range(1, 12));
    expect((listing.error as { checkpoint?: unknown }).checkpoint).toEqual({ page: 13, pageSize: 50 });

    const repeating: PageFetcher<Item> = async () => ({
      items: Array.from({ length: 50 }, (_, index) => ({ id: index })),
      lastPage: undefined,
      total: undefined,
      hasNext: undefined,
    });
    const repeated = run(new Paginator(repeating, { concurrency: 8 }));
    for (let round = 0; round < 20 && !repeated.done; round += 1) await tick();
    expect(isPaginationError(repeated.error)).toBe(true);
  });
});

describe('a listing that is cancelled or whose fetcher misbehaves', () => {
  it('sends nothing when the signal has already fired', async () => {
    const server = manualServer(500);
    const controller = new AbortController();
    controller.abort();
    const listing = run(new Paginator(server.fetcher, { signal: controller.signal }));
    await tick();
    await tick();
    expect(listing.done).toBe(true);
    expect((listing.error as { checkpoint?: unknown }).checkpoint).toEqual({ page: 1 });
    expect(server.requested).toEqual([]);
  });

  it('cancels the page the caller waits for, and starts no new one, once the signal fires', async () => {
    const server = manualServer(5000);
    const controller = new AbortController();
    const listing = run(new Paginator(server.fetcher, { signal: controller.signal }));
    for (const page of [1, 2, 3]) await server.answer(page);
    const before = server.requested.length;
    controller.abort();
    await tick();
    await tick();
    expect(listing.done).toBe(true);
    expect(server.inFlight()).toEqual([]);
    expect(server.requested.length).toBe(before);
  });

  it('a cancelled listing does not wait out a rate-limit pause', async () => {
    const server = manualServer(5000);
    const controller = new AbortController();
    const listing = run(new Paginator(server.fetcher, { signal: controller.signal, concurrency: 1 }));
    await server.answer(1);
    server.events(2)?.paused();
    await server.answer(2);
    controller.abort();
    for (let round = 0; round < 5 && !listing.done; round += 1) await tick();
    expect(listing.done).toBe(true);
  });

  it('a fetcher that throws instead of rejecting fails its page, in order, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const fetcher: PageFetcher<Item> = (page) => {
        if (page === 2) throw new ServerError({ status: 500, method: 'GET', url: 'https://x.test/' });
        return Promise.resolve({
          items: Array.from({ length: 50 }, (_, index) => ({ id: (page - 1) * 50 + index + 1 })),
          lastPage: undefined,
          total: undefined,
          hasNext: undefined,
        });
      };
      const listing = run(new Paginator(fetcher));
      for (let round = 0; round < 20 && !listing.done; round += 1) await tick();
      expect(isServerError(listing.error)).toBe(true);
      expect((listing.error as ServerError).checkpoint).toEqual({ page: 2, pageSize: 50 });
      expect(listing.ids).toEqual(range(1, 50));
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
