import { ConfigurationError, type PageCheckpoint } from '@bridgekit/errors';
import { checkSignal } from '@bridgekit/http';
import { checkQuery, type QueryParameters } from './query-parameters.js';

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

/** A page as `.pages()` yields it. */
export interface Page<T> {
  readonly number: number;
  readonly items: readonly T[];
  /** Where to resume after this page: pass `checkpoint.page` as `startPage`. */
  readonly checkpoint: PageCheckpoint;
  readonly lastPage: number | undefined;
  readonly total: number | undefined;
}

/** Options of `paginate()` and every `list()`. */
export interface PaginateOptions<T = unknown> {
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
  Records per full page, at most 10000; without server metadata, a shorter page ends the listing.
  The vendor's is 50.
  @default 50
  @example 100
  */
  readonly pageSize?: number;
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
  readonly pageSize: number;
  /** The last page the listing may request (`startPage + maxPages - 1`). */
  readonly lastAllowedPage: number;
  readonly maxItems: number;
  readonly signal: AbortSignal | undefined;
  readonly onPage: ((progress: PageProgress<T>) => void) | undefined;
}

/** @internal Checks a whole number option against its bounds. */
export function boundedInteger(
  option: string,
  value: unknown,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ConfigurationError({
      option,
      expected: `a whole number from ${minimum} to ${maximum === Number.MAX_SAFE_INTEGER ? 'Number.MAX_SAFE_INTEGER' : maximum}`,
      received: value,
    });
  }
  return value;
}

function checkShape(options: PaginateOptions<unknown>): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: 'an object of listing options',
      received: options,
    });
  }
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
}

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
    pageSize: boundedInteger('pageSize', options.pageSize, 50, 1, 10_000),
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
