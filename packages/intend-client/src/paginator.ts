import {
  AbortError,
  attachCheckpoint,
  ConfigurationError,
  isBridgekitError,
  type PageCheckpoint,
  PaginationError,
  ResponseFormatError,
} from '@bridgekit/errors';
import type { RawPage } from './page-shape.js';

/** Query parameters; `undefined` values are left out. */
export type QueryParameters = Readonly<Record<string, string | number | boolean | undefined>>;

/** What `onPage` receives after each page arrives. */
export interface PageProgress<T> {
  /** The page number. */
  readonly page: number;
  readonly items: readonly T[];
  /** How long the page's request took, retries included. */
  readonly elapsedMs: number;
  /** From server metadata, when sent. */
  readonly lastPage: number | undefined;
  readonly total: number | undefined;
}

/** Options of `paginate()` and every `list()`. */
export interface PaginateOptions<T = unknown> {
  /** Extra query parameters sent with every page. */
  readonly query?: QueryParameters;
  /**
  The first page to fetch; pass a checkpoint's `page` to resume.
  @default 1
  */
  readonly startPage?: number;
  /**
  Pages fetched ahead while the caller consumes the current one. At most `prefetch + 1` pages are
  held at once (`max(prefetch, concurrency) + 1` when the server sends `last_page`).
  @default 1
  */
  readonly prefetch?: number;
  /**
  When the server sends `last_page`, how many pages may be fetched in parallel. Pages are always
  yielded in order.
  @default 4
  */
  readonly concurrency?: number;
  /**
  Records per full page; without server metadata, a shorter page ends the listing. The vendor's is 50.
  @default 50
  */
  readonly pageSize?: number;
  /** Stop after this many pages. */
  readonly maxPages?: number;
  /** Stop after this many records. */
  readonly maxItems?: number;
  /** Cancels the listing: checked between pages and passed to every request. */
  readonly signal?: AbortSignal;
  /** Called once per page, in page order, before its records are yielded. */
  readonly onPage?: (progress: PageProgress<T>) => void;
}

/** A page as `.pages()` yields it. */
export interface Page<T> {
  readonly number: number;
  readonly items: readonly T[];
  /** Where to resume after this page: pass `checkpoint.page` as `startPage`. */
  readonly checkpoint: PageCheckpoint;
  readonly lastPage: number | undefined;
  readonly total: number | undefined;
}

/** @internal Fetches one page; the paginator owns scheduling, ordering and cancellation. */
export type PageFetcher<T> = (page: number, signal: AbortSignal) => Promise<RawPage<T>>;

interface InFlight<T> {
  readonly number: number;
  readonly controller: AbortController;
  readonly started: number;
  readonly result: Promise<{ page: RawPage<T>; elapsedMs: number }>;
}

function positiveInteger(option: string, value: number | undefined, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError({
      option,
      expected: `a whole number of at least ${minimum}`,
      received: value,
    });
  }
  return value;
}

function fingerprint(items: readonly unknown[]): string {
  return items
    .map((item) =>
      typeof item === 'object' && item !== null && 'id' in item
        ? String((item as { id: unknown }).id)
        : JSON.stringify(item),
    )
    .join('\u0000');
}

/**
A lazy, resumable listing. Iterate it for records, call `.pages()` for pages, or `.toArray({limit})`.
Each iteration starts a new listing from `startPage`.

@example
```
for await (const client of intend.clients.list({clientType: 'trade'})) {
	console.log(client.id);
}
```
*/
export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #options: PaginateOptions<T>;
  readonly #now: () => number;

  constructor(
    fetchPage: PageFetcher<T>,
    options: PaginateOptions<T> = {},
    now: () => number = () => performance.now(),
  ) {
    positiveInteger('startPage', options.startPage, 1);
    positiveInteger('prefetch', options.prefetch, 1, 0);
    positiveInteger('concurrency', options.concurrency, 4);
    positiveInteger('pageSize', options.pageSize, 50);
    positiveInteger('maxPages', options.maxPages, Number.POSITIVE_INFINITY);
    positiveInteger('maxItems', options.maxItems, Number.POSITIVE_INFINITY, 0);
    this.#fetchPage = fetchPage;
    this.#options = options;
    this.#now = now;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects records into an array. `limit` is required so a huge listing is never loaded by accident. */
  async toArray(options: { readonly limit: number }): Promise<T[]> {
    if (options?.limit === undefined) {
      throw new ConfigurationError({
        option: 'limit',
        expected: 'a whole number, so that toArray never loads a whole listing by accident',
      });
    }
    const limit = positiveInteger('limit', options.limit, 0, 0);
    const capped = new Paginator(
      this.#fetchPage,
      { ...this.#options, maxItems: Math.min(limit, this.#options.maxItems ?? limit) },
      this.#now,
    );
    const items: T[] = [];
    for await (const page of capped.pages()) items.push(...page.items);
    return items;
  }

  /** Yields whole pages, in order. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const options = this.#options;
    const startPage = options.startPage ?? 1;
    const prefetch = options.prefetch ?? 1;
    const concurrency = options.concurrency ?? 4;
    const pageSize = options.pageSize ?? 50;
    const lastAllowedPage = startPage + (options.maxPages ?? Number.POSITIVE_INFINITY) - 1;
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const signal = options.signal;

    const queue: InFlight<T>[] = [];
    // One listener on the caller's signal for the whole listing, fanned out to the pages in flight:
    // AbortSignal.any per page would tie every page's signal to a long-lived caller signal.
    const active = new Set<AbortController>();
    const abortActive = () => {
      for (const controller of active) controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', abortActive, { once: true });
    let nextToFetch = startPage;
    let lastPage: number | undefined;
    let itemsYielded = 0;
    let previousFingerprint: string | undefined;

    const stop = (error: unknown, page: number): never => {
      if (isBridgekitError(error)) throw attachCheckpoint(error, { page }, itemsYielded);
      throw error;
    };
    const abortError = (page: number) =>
      attachCheckpoint(
        new AbortError('The listing was aborted by the caller', { cause: signal?.reason }),
        { page },
        itemsYielded,
      );

    const fill = (size: number) => {
      while (
        queue.length < size &&
        nextToFetch <= Math.min(lastAllowedPage, lastPage ?? Number.POSITIVE_INFINITY)
      ) {
        const number = nextToFetch;
        nextToFetch += 1;
        const controller = new AbortController();
        const started = this.#now();
        active.add(controller);
        const result = this.#fetchPage(number, controller.signal)
          .then((page) => ({ page, elapsedMs: this.#now() - started }))
          .finally(() => active.delete(controller));
        // Errors surface when the page's turn comes; a page abandoned before then must not be an unhandled rejection.
        result.catch(() => undefined);
        queue.push({ number, controller, started, result });
      }
    };
    const lookahead = () => (lastPage === undefined ? prefetch : Math.max(prefetch, concurrency));

    try {
      if (maxItems === 0) return;
      fill(lookahead() + 1);
      for (let head = queue.shift(); head !== undefined; head = queue.shift()) {
        if (signal?.aborted) throw abortError(head.number);
        let received: { page: RawPage<T>; elapsedMs: number };
        try {
          received = await head.result;
        } catch (error) {
          if (signal?.aborted) throw abortError(head.number);
          stop(error, head.number);
          return;
        }
        const { page, elapsedMs } = received;
        if (page.lastPage !== undefined) lastPage = page.lastPage;

        const currentFingerprint = page.items.length > 0 ? fingerprint(page.items) : undefined;
        if (currentFingerprint !== undefined && currentFingerprint === previousFingerprint) {
          throw new PaginationError({
            checkpoint: { page: head.number },
            itemsYielded,
            cause: new ResponseFormatError({
              field: 'data',
              expected: `page ${head.number} to hold new records`,
              received: `the records of page ${head.number - 1} again`,
            }),
            message: `The server answered page ${head.number} with the same records as page ${head.number - 1}; it may be ignoring the \`page\` parameter. Stopped instead of looping forever.`,
          });
        }
        previousFingerprint = currentFingerprint;

        // Server metadata, when sent, is the authority (its page size may differ); without it, a
        // short page is the only end marker the vendor documents.
        const hasMetadata = page.hasNext !== undefined || page.lastPage !== undefined;
        const isLast =
          page.items.length === 0 ||
          (hasMetadata
            ? page.hasNext === false || (lastPage !== undefined && head.number >= lastPage)
            : page.items.length < pageSize) ||
          head.number >= lastAllowedPage;
        const items =
          page.items.length > maxItems - itemsYielded
            ? page.items.slice(0, maxItems - itemsYielded)
            : page.items;
        const reachedLimit = itemsYielded + items.length >= maxItems;

        if (isLast || reachedLimit) {
          // Anything fetched ahead lies past the end: cancel it now rather than when the caller leaves.
          for (const pending of queue.splice(0)) pending.controller.abort();
        } else {
          fill(lookahead());
        }
        options.onPage?.({ page: head.number, items, elapsedMs, lastPage, total: page.total });
        yield {
          number: head.number,
          items,
          // A page cut short by maxItems is not done: resuming repeats its start rather than losing its rest.
          checkpoint: { page: items.length < page.items.length ? head.number : head.number + 1 },
          lastPage,
          total: page.total,
        };
        itemsYielded += items.length;
        if (isLast || reachedLimit) return;
        if (queue.length === 0) fill(lookahead() + 1);
      }
    } finally {
      // Reached on completion, on error, and when the caller `break`s out of `for await`.
      signal?.removeEventListener('abort', abortActive);
      for (const pending of queue.splice(0)) pending.controller.abort();
    }
  }
}
