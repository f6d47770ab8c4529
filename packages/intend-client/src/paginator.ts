import { AbortError, attachCheckpoint, ConfigurationError, isBridgekitError } from '@bridgekit/errors';
import { checkNotRepeated } from './page-fingerprint.js';
import { type PageFetcher, PageQueue, type PendingPage } from './page-queue.js';
import type { RawPage } from './page-shape.js';
import { PageWindow } from './page-window.js';
import {
  boundedInteger,
  type Page,
  type PaginateOptions,
  type PaginateSettings,
  resolvePaginateOptions,
} from './paginate-options.js';

/** Where one listing stands. */
interface Listing {
  itemsYielded: number;
  /** The page after the last one handed out. */
  nextPage: number;
  lastPage: number | undefined;
  previousFingerprint: string | undefined;
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
  readonly #settings: PaginateSettings<T>;
  readonly #now: () => number;

  constructor(
    fetchPage: PageFetcher<T>,
    options: PaginateOptions<T> = {},
    now: () => number = () => performance.now(),
  ) {
    this.#fetchPage = fetchPage;
    this.#options = options;
    this.#settings = resolvePaginateOptions(options);
    this.#now = now;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects records into an array. `limit` is required so a huge listing is never loaded by accident. */
  async toArray(options: { readonly limit: number }): Promise<T[]> {
    if (typeof options !== 'object' || options === null || options.limit === undefined) {
      throw new ConfigurationError({
        option: 'limit',
        expected: 'a whole number, so that toArray never loads a whole listing by accident',
      });
    }
    const limit = boundedInteger('limit', options.limit, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxItems = Math.min(limit, this.#settings.maxItems);
    const capped = new Paginator(this.#fetchPage, { ...this.#options, maxItems }, this.#now);
    const items: T[] = [];
    for await (const page of capped.pages()) items.push(...page.items);
    return items;
  }

  /** Yields whole pages, in order. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const settings = this.#settings;
    if (settings.maxItems === 0) return;
    const queue = new PageQueue(this.#fetchPage, {
      first: settings.startPage,
      last: Math.min(settings.lastAllowedPage, this.#pagesFor(settings.startPage, settings.maxItems)),
      window: new PageWindow(settings),
      now: this.#now,
      signal: settings.signal,
    });
    const listing: Listing = {
      itemsYielded: 0,
      nextPage: settings.startPage,
      lastPage: undefined,
      previousFingerprint: undefined,
    };
    try {
      // An aborted signal stops the listing before any request, and before every next page.
      for (
        let head = this.#next(queue, listing);
        head !== undefined;
        head = this.#next(queue, listing, true)
      ) {
        const { page, elapsedMs } = await this.#receive(head, listing.itemsYielded);
        if (page.lastPage !== undefined) listing.lastPage = page.lastPage;
        listing.previousFingerprint = checkNotRepeated(
          page.items,
          head.number,
          listing.previousFingerprint,
          listing.itemsYielded,
        );
        const left = settings.maxItems - listing.itemsYielded;
        const items = page.items.length > left ? page.items.slice(0, left) : page.items;
        const done = this.#isLast(page, head.number, listing) || items.length >= left;
        // Anything fetched ahead lies past the end: cancel it now rather than when the caller leaves.
        if (done) queue.endAt(head.number);
        const { lastPage } = listing;
        settings.onPage?.({ page: head.number, items, elapsedMs, lastPage, total: page.total });
        // A page cut short by maxItems is not done: resuming repeats its start rather than losing its rest.
        const checkpoint = { page: items.length < page.items.length ? head.number : head.number + 1 };
        yield { number: head.number, items, checkpoint, lastPage, total: page.total };
        listing.itemsYielded += items.length;
        listing.nextPage = head.number + 1;
        if (done) return;
      }
    } finally {
      queue.close();
    }
  }

  #next(queue: PageQueue<T>, listing: Listing, extend = false): PendingPage<T> | undefined {
    if (this.#settings.signal?.aborted) throw this.#aborted(listing.nextPage, listing.itemsYielded);
    return extend ? (queue.shift() ?? this.#extend(queue, listing)) : queue.shift();
  }

  #aborted(page: number, itemsYielded: number): AbortError {
    const cause = this.#settings.signal?.reason;
    return attachCheckpoint(
      new AbortError('The listing was aborted by the caller', { cause }),
      { page },
      itemsYielded,
    );
  }

  /** The last page that can hold the first `items` records from `first` on, if every page is full. */
  #pagesFor(first: number, items: number): number {
    return first + Math.ceil(items / this.#settings.pageSize) - 1;
  }

  /**
  The requests ran out before the listing ended: the server's pages held fewer records than
  `pageSize` (its metadata said more follow), so `maxItems` needs pages past the first estimate.
  */
  #extend(queue: PageQueue<T>, listing: Listing): PendingPage<T> | undefined {
    const left = this.#settings.maxItems - listing.itemsYielded;
    const last = Math.min(this.#settings.lastAllowedPage, listing.lastPage ?? Number.POSITIVE_INFINITY);
    if (left <= 0 || listing.nextPage > last) return undefined;
    queue.allowUpTo(Math.min(last, this.#pagesFor(listing.nextPage, left)));
    return queue.shift();
  }

  // Server metadata, when sent, is the authority (its page size may differ); without it, a short
  // page is the only end marker the vendor documents.
  #isLast(page: RawPage<T>, number: number, listing: Listing): boolean {
    if (page.items.length === 0 || number >= this.#settings.lastAllowedPage) return true;
    const hasMetadata = page.hasNext !== undefined || page.lastPage !== undefined;
    if (!hasMetadata) return page.items.length < this.#settings.pageSize;
    return page.hasNext === false || (listing.lastPage !== undefined && number >= listing.lastPage);
  }

  async #receive(
    head: PendingPage<T>,
    itemsYielded: number,
  ): Promise<{ page: RawPage<T>; elapsedMs: number }> {
    const signal = this.#settings.signal;
    const aborted = () => this.#aborted(head.number, itemsYielded);
    if (signal?.aborted) throw aborted();
    try {
      return await head.result;
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (isBridgekitError(error)) throw attachCheckpoint(error, { page: head.number }, itemsYielded);
      throw error;
    }
  }
}
