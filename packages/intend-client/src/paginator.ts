import {
  AbortError,
  attachCheckpoint,
  ConfigurationError,
  checkKnownKeys,
  ErrorCode,
  isBridgekitError,
  type PageCheckpoint,
  PaginationError,
} from '@bridgekit/errors';
import { boundedInteger } from './assertions.js';
import { firstChangedPage } from './list-verification.js';
import { ListingStats, type ListStats } from './listing-stats.js';
import { checkNotRepeated } from './page-fingerprint.js';
import { type PageFetcher, PageQueue, type PendingPage } from './page-queue.js';
import type { RawPage } from './page-shape.js';
import { PageSizeRule } from './page-size.js';
import { PageWindow } from './page-window.js';
import {
  type Page,
  type PaginateOptions,
  type PaginateSettings,
  resolvePaginateOptions,
} from './paginate-options.js';

/** Where one listing stands. */
interface Listing {
  readonly rule: PageSizeRule;
  readonly stats: ListingStats;
  readonly maxItems: number;
  /** Ids handed out so far; undefined with `idOf: null`. */
  readonly seen: Set<unknown> | undefined;
  /** Each page's fingerprint as read, for `verify`; undefined without it. */
  readonly fingerprints: Map<number, string> | undefined;
  itemsYielded: number;
  /** The page after the last one handed out. */
  nextPage: number;
  lastPage: number | undefined;
  previousFingerprint: string | undefined;
}

const noStats: ListStats = {
  requests: 0,
  pages: 0,
  items: 0,
  pageSize: undefined,
  duplicates: 0,
  changed: false,
};

/**
A lazy, resumable listing. Iterate it for records, call `.pages()` for pages, or `.toArray({limit})`.
Each iteration starts a new listing from `startPage`; `stats` counts the latest.

@example
```
for await (const client of intend.clients.list({clientType: 'trade'})) {
	console.log(client.id);
}
```
*/
export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #settings: PaginateSettings<T>;
  readonly #now: () => number;
  #stats: ListingStats | undefined;

  constructor(
    fetchPage: PageFetcher<T>,
    options: PaginateOptions<T> = {},
    now: () => number = () => performance.now(),
  ) {
    this.#fetchPage = fetchPage;
    this.#settings = resolvePaginateOptions(options);
    this.#now = now;
  }

  /** The latest listing's counters, live while it runs: requests, pages, items, page size, duplicates, changed. */
  get stats(): ListStats {
    return this.#stats?.snapshot() ?? noStats;
  }

  /** Every record of every page, in order: `for await (const client of intend.clients.list())`. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects records into an array. `limit` is required so a huge listing is never loaded by accident. */
  async toArray(options: { readonly limit: number }): Promise<T[]> {
    if (typeof options === 'object' && options !== null) checkKnownKeys(options, ['limit']);
    if (typeof options !== 'object' || options === null || options.limit === undefined) {
      throw new ConfigurationError({
        option: 'limit',
        expected: 'a whole number, so that toArray never loads a whole listing by accident',
      });
    }
    const limit = boundedInteger('limit', options.limit, 0, 0, Number.MAX_SAFE_INTEGER);
    const items: T[] = [];
    for await (const page of this.#listing(Math.min(limit, this.#settings.maxItems)))
      items.push(...page.items);
    return items;
  }

  /** Yields whole pages, in order. */
  pages(): AsyncGenerator<Page<T>, void, undefined> {
    return this.#listing(this.#settings.maxItems);
  }

  // One listing: one page per turn of the loop, in page order.
  async *#listing(maxItems: number): AsyncGenerator<Page<T>, void, undefined> {
    const settings = this.#settings;
    const rule = new PageSizeRule(settings.pageSize);
    const stats = new ListingStats(rule);
    this.#stats = stats;
    if (maxItems === 0) return;
    const queue = new PageQueue(this.#fetchPage, {
      first: settings.startPage,
      last: Math.min(settings.lastAllowedPage, this.#pagesFor(settings.startPage, maxItems, rule)),
      window: new PageWindow({ ...settings, rule }),
      now: this.#now,
      signal: settings.signal,
      onRequest: () => stats.request(),
    });
    const listing: Listing = {
      rule,
      stats,
      maxItems,
      seen: settings.idOf === undefined ? undefined : new Set(),
      fingerprints: settings.verify ? new Map() : undefined,
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
        const { page, elapsedMs, last } = await this.#receive(head, listing);
        if (page.lastPage !== undefined) listing.lastPage = page.lastPage;
        listing.previousFingerprint = checkNotRepeated(
          page.items,
          head.number,
          listing.previousFingerprint,
          listing.itemsYielded,
        );
        listing.fingerprints?.set(head.number, listing.previousFingerprint ?? '');
        const fresh = this.#withoutDuplicates(page.items, listing);
        this.#stopIfChanged(head.number, listing);
        const left = maxItems - listing.itemsYielded;
        const items = fresh.length > left ? fresh.slice(0, left) : fresh;
        const done = last || head.number >= settings.lastAllowedPage || items.length >= left;
        // Anything fetched ahead lies past the end: cancel it now rather than when the caller leaves.
        if (done) queue.endAt(head.number);
        const { lastPage } = listing;
        const { requestId, attempts = 1 } = page;
        settings.onPage?.({
          page: head.number,
          items,
          elapsedMs,
          lastPage,
          total: page.total,
          requestId,
          attempts,
        });
        // A page cut short by maxItems is not done: resuming repeats its start rather than losing its rest.
        const checkpoint = this.#checkpoint(
          items.length < fresh.length ? head.number : head.number + 1,
          listing,
        );
        stats.page(items.length);
        yield { number: head.number, items, checkpoint, lastPage, total: page.total, requestId, attempts };
        listing.itemsYielded += items.length;
        listing.nextPage = head.number + 1;
        if (done) break;
      }
    } finally {
      queue.close();
    }
    if (listing.fingerprints !== undefined) await this.#verify(listing.fingerprints, listing);
  }

  #checkpoint(page: number, listing: Listing): PageCheckpoint {
    const pageSize = listing.rule.known;
    return pageSize === undefined ? { page } : { page, pageSize };
  }

  /** The page's records whose id was not handed out before; counts the others as duplicates. */
  #withoutDuplicates(items: readonly T[], listing: Listing): readonly T[] {
    const { seen } = listing;
    const idOf = this.#settings.idOf;
    if (seen === undefined || idOf === undefined) return items;
    const fresh = items.filter((item) => {
      const id = idOf(item);
      if (id === undefined || id === null) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (fresh.length < items.length) listing.stats.duplicates(items.length - fresh.length);
    return fresh;
  }

  /**
  With `onChange: 'throw'`, stops before the page that showed the list moved, so that its
  checkpoint resumes exactly; after `verify`, names the first page that read differently.
  */
  #stopIfChanged(page: number, listing: Listing, verified = false): void {
    const reason = listing.stats.changeReason;
    if (this.#settings.onChange !== 'throw' || reason === undefined) return;
    const where = verified
      ? `every record was yielded, and page ${page} is the first that reads differently now; list again from there`
      : `stopped at page ${page} after ${listing.itemsYielded} records, before yielding that page`;
    throw new PaginationError({
      code: ErrorCode.ListChanged,
      checkpoint: this.#checkpoint(page, listing),
      itemsYielded: listing.itemsYielded,
      cause: undefined,
      message: `The list changed while it was read (${reason}): ${where}.`,
    });
  }

  async #verify(fingerprints: ReadonlyMap<number, string>, listing: Listing): Promise<void> {
    const settings = this.#settings;
    const changed = await firstChangedPage({
      fingerprints,
      fetchPage: this.#fetchPage,
      concurrency: settings.concurrency,
      signal: settings.signal,
      onRequest: () => listing.stats.request(),
    }).catch((error: unknown) => {
      throw isBridgekitError(error)
        ? attachCheckpoint(error, { page: listing.nextPage }, listing.itemsYielded)
        : error;
    });
    if (changed === undefined) return;
    listing.stats.verifyDiffered();
    this.#stopIfChanged(changed, listing, true);
  }

  #next(queue: PageQueue<T>, listing: Listing, extend = false): PendingPage<T> | undefined {
    if (this.#settings.signal?.aborted) throw this.#aborted(listing.nextPage, listing);
    return extend ? (queue.shift() ?? this.#extend(queue, listing)) : queue.shift();
  }

  #aborted(page: number, listing: Listing): AbortError {
    const cause = this.#settings.signal?.reason;
    return attachCheckpoint(
      new AbortError('The listing was aborted by the caller', { cause }),
      this.#checkpoint(page, listing),
      listing.itemsYielded,
    );
  }

  /** The last page that can hold the first `items` records from `first` on, if every page is full. */
  #pagesFor(first: number, items: number, rule: PageSizeRule): number {
    return first + Math.ceil(items / rule.estimate) - 1;
  }

  /**
  The requests ran out before the listing ended: the server's pages held fewer records than
  expected (a learned page size, or metadata that said more follow), so `maxItems` needs pages
  past the first estimate.
  */
  #extend(queue: PageQueue<T>, listing: Listing): PendingPage<T> | undefined {
    const left = listing.maxItems - listing.itemsYielded;
    const last = Math.min(this.#settings.lastAllowedPage, listing.lastPage ?? Number.POSITIVE_INFINITY);
    if (left <= 0 || listing.nextPage > last) return undefined;
    queue.allowUpTo(Math.min(last, this.#pagesFor(listing.nextPage, left, listing.rule)));
    return queue.shift();
  }

  async #receive(
    head: PendingPage<T>,
    listing: Listing,
  ): Promise<{ page: RawPage<T>; elapsedMs: number; last: boolean }> {
    const signal = this.#settings.signal;
    const aborted = () => this.#aborted(head.number, listing);
    if (signal?.aborted) throw aborted();
    try {
      return await head.result;
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (isBridgekitError(error)) {
        throw attachCheckpoint(error, this.#checkpoint(head.number, listing), listing.itemsYielded);
      }
      throw error;
    }
  }
}
