import { ConfigurationError, checkKnownKeys, type PageCheckpoint } from '@bridgekit/errors';
import { callKyOptions, checkSignal } from '@bridgekit/http';
import { boundedInteger, checkQuery, type QueryParameters } from './assertions.js';
import type { IntendCallOptions } from './call-options.js';

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
  /** The server's request id for this page, when it sent one. */
  readonly requestId: string | undefined;
  /** HTTP attempts this page took, the first included. */
  readonly attempts: number;
}

/** A page as `.pages()` yields it. */
export interface Page<T> {
  readonly number: number;
  readonly items: readonly T[];
  /** Where to resume after this page: pass `checkpoint.page` as `startPage`. */
  readonly checkpoint: PageCheckpoint;
  readonly lastPage: number | undefined;
  readonly total: number | undefined;
  /** The server's request id for this page, when it sent one. */
  readonly requestId: string | undefined;
  /** HTTP attempts this page took, the first included. */
  readonly attempts: number;
}

/**
Options of `paginate()` and every `list()`. `timeout`, `retry`, `headers` and `signal` apply to
every page request, as a call's own options do.
*/
export interface PaginateOptions<T = unknown> extends IntendCallOptions {
  /**
  Extra query parameters sent with every page.
  @example {client_type: 'trade'}
  */
  readonly query?: QueryParameters;
  /**
  The first page to fetch; pass a checkpoint's `page` to resume.
  @default 1
  @example error.checkpoint.page
  */
  readonly startPage?: number;
  /**
  Pages fetched ahead while the caller consumes the current one, at most 64. At most
  `prefetch + 1` pages are held at once (`max(prefetch, concurrency) + 1` when the server sends
  `last_page`).
  @default 1
  @example 2
  */
  readonly prefetch?: number;
  /**
  When the server sends `last_page`, how many pages may be fetched in parallel, at most 64. Pages
  are always yielded in order.
  @default 4
  @example 8
  */
  readonly concurrency?: number;
  /**
  Records per full page. `'auto'` learns it: the vendor's guide promises at most 50, so a page of 50
  makes it known at once, and a shorter first page is confirmed by asking for the next one (empty:
  the list was that short; not empty: the short page was full). Once known, a shorter page ends the
  listing. A number (1 to 10000) is taken as known from the start: a shorter page ends the listing
  at once, as a checkpoint's `pageSize` does when you resume. Without server metadata only; with
  Laravel-style metadata, the metadata decides.
  @default 'auto'
  @example checkpoint.pageSize
  */
  readonly pageSize?: number | 'auto' | undefined;
  /**
  A record's id, to drop records seen earlier in the listing (a record inserted before the read
  position shifts the next page, which then repeats one). `null` keeps every record. Ids are kept
  in memory for the listing's life: about 2.5 MB per 100,000 numeric ids, about 8 MB for short string ids. A record whose id is
  undefined or null is never dropped.
  @default (record) => record.id
  @example (record) => record.account
  */
  readonly idOf?: ((record: T) => unknown) | null;
  /**
  Re-reads every page once the listing has ended (concurrently, `concurrency` at a time, one
  request per page) and compares its records' ids with what was read: any difference sets
  `stats.changed`. It catches what nothing else can, a record deleted before the read position
  (the next page shifts back and one record is skipped). Costs one request per page.
  @default false
  @example true
  */
  readonly verify?: boolean;
  /**
  What evidence that the list moved does: `'report'` sets `stats.changed` and goes on; `'throw'`
  stops at the first evidence with a `PaginationError` whose `code` is `'BRIDGEKIT_LIST_CHANGED'`,
  before the page that showed it is yielded, so that its checkpoint resumes exactly.
  @default 'report'
  @example 'throw'
  */
  readonly onChange?: 'report' | 'throw';
  /**
  Stop after this many pages.
  @default no limit
  @example 10
  */
  readonly maxPages?: number;
  /**
  Stop after this many records; no page past the one that holds the last of them is requested.
  @default no limit
  @example 500
  */
  readonly maxItems?: number;
  /**
  Cancels the listing: checked between pages and passed to every request.
  @example AbortSignal.timeout(60_000)
  */
  readonly signal?: AbortSignal;
  /**
  Called once per page, in page order, before its records are yielded.
  @example ({page, items}) => console.log(`page ${page}: ${items.length}`)
  */
  readonly onPage?: (progress: PageProgress<T>) => void;
}

/** @internal The options of a listing, checked once, with defaults filled in. */
export interface PaginateSettings<T> {
  readonly query: QueryParameters;
  readonly startPage: number;
  readonly prefetch: number;
  readonly concurrency: number;
  readonly pageSize: number | 'auto';
  /** Undefined when duplicates are kept (`idOf: null`). */
  readonly idOf: ((record: T) => unknown) | undefined;
  readonly verify: boolean;
  readonly onChange: 'report' | 'throw';
  /** The last page the listing may request (`startPage + maxPages - 1`). */
  readonly lastAllowedPage: number;
  readonly maxItems: number;
  readonly signal: AbortSignal | undefined;
  readonly onPage: ((progress: PageProgress<T>) => void) | undefined;
}

/** Every option of a listing: any other key is a typo. */
const optionKeys = [
  'query',
  'startPage',
  'prefetch',
  'concurrency',
  'pageSize',
  'maxPages',
  'maxItems',
  'signal',
  'onPage',
  'idOf',
  'verify',
  'onChange',
  'timeout',
  'retry',
  'headers',
] as const;

function checkShape(options: PaginateOptions<unknown>): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: 'an object of listing options',
      received: options,
    });
  }
  checkKnownKeys(options, optionKeys);
  checkSignal(options.signal);
  if (options.onPage !== undefined && typeof options.onPage !== 'function') {
    throw new ConfigurationError({ option: 'onPage', expected: 'a function', received: options.onPage });
  }
  const query: unknown = options.query;
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw new ConfigurationError({
      option: 'query',
      expected: 'an object of query parameters',
      received: query,
    });
  }
  if (query !== undefined) checkQuery(query as QueryParameters);
  // The per-page options, checked once here rather than on the first page of the listing.
  callKyOptions(options, {});
  if (options.idOf !== undefined && options.idOf !== null && typeof options.idOf !== 'function') {
    throw new ConfigurationError({
      option: 'idOf',
      expected: 'a function, or null to keep duplicates',
      received: options.idOf,
    });
  }
  if (options.verify !== undefined && typeof options.verify !== 'boolean') {
    throw new ConfigurationError({ option: 'verify', expected: 'true or false', received: options.verify });
  }
  if (options.onChange !== undefined && options.onChange !== 'report' && options.onChange !== 'throw') {
    throw new ConfigurationError({
      option: 'onChange',
      expected: "'report' or 'throw'",
      received: options.onChange,
    });
  }
}

function pageSizeFrom(value: unknown): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000) return value;
  throw new ConfigurationError({
    option: 'pageSize',
    expected: "'auto' (learn it) or a whole number of records from 1 to 10000",
    received: value,
  });
}

const idField = (record: unknown): unknown =>
  typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;

const maxPageNumber = 1_000_000_000;

/** @internal Checks the options of a listing; every count has an upper bound, checked before any work. */
export function resolvePaginateOptions<T>(options: PaginateOptions<T> = {}): PaginateSettings<T> {
  checkShape(options as PaginateOptions<unknown>);
  const startPage = boundedInteger('startPage', options.startPage, 1, 1, maxPageNumber);
  const maxPages = boundedInteger('maxPages', options.maxPages, maxPageNumber, 1, maxPageNumber);
  return {
    query: options.query ?? {},
    startPage,
    prefetch: boundedInteger('prefetch', options.prefetch, 1, 0, 64),
    concurrency: boundedInteger('concurrency', options.concurrency, 4, 1, 64),
    pageSize: pageSizeFrom(options.pageSize),
    idOf: options.idOf === null ? undefined : (options.idOf ?? idField),
    verify: options.verify ?? false,
    onChange: options.onChange ?? 'report',
    lastAllowedPage: startPage + maxPages - 1,
    maxItems: boundedInteger(
      'maxItems',
      options.maxItems,
      Number.MAX_SAFE_INTEGER,
      0,
      Number.MAX_SAFE_INTEGER,
    ),
    signal: options.signal,
    onPage: options.onPage,
  };
}
