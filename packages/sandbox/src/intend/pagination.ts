import type { Context } from 'hono';
import { intendEnvelope } from './intend-envelope.js';

/** @internal How list endpoints page. */
export interface PaginationSettings {
  readonly pageSize: number;
  /** Wrap pages in Laravel-style paginator metadata instead of answering bare arrays. */
  readonly paginationMetadata: boolean;
  /** Always answer page 1, as a broken server would. */
  readonly ignorePageParameter: boolean;
}

/** @internal Answers one page of `items`, as the request's `page` parameter asks. */
export type Paginate = (context: Context, items: readonly unknown[]) => Response;

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
}

function paginatorPage(
  requestUrl: string,
  page: number,
  pageSize: number,
  items: readonly unknown[],
): Record<string, unknown> {
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  const pageUrl = (number: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(number));
    return url.href;
  };
  return {
    current_page: page,
    data: slice,
    first_page_url: pageUrl(1),
    from: slice.length === 0 ? null : (page - 1) * pageSize + 1,
    last_page: lastPage,
    last_page_url: pageUrl(lastPage),
    next_page_url: page < lastPage ? pageUrl(page + 1) : null,
    path: new URL(requestUrl).pathname,
    per_page: pageSize,
    prev_page_url: page > 1 ? pageUrl(page - 1) : null,
    to: slice.length === 0 ? null : (page - 1) * pageSize + slice.length,
    total: items.length,
  };
}

/**
@internal Returns the function list endpoints page with: `page` (default 1) must be a whole number
from 1, else 400 in the envelope.
*/
export function createPaginator(settings: PaginationSettings): Paginate {
  const { pageSize } = settings;
  return (context, items) => {
    const pageText = context.req.query('page');
    const page = settings.ignorePageParameter || pageText === undefined ? 1 : positiveInteger(pageText);
    if (page === undefined) return intendEnvelope(400, null, 'The page parameter must be an integer from 1');
    if (settings.paginationMetadata)
      return intendEnvelope(200, paginatorPage(context.req.url, page, pageSize, items));
    return intendEnvelope(200, items.slice((page - 1) * pageSize, page * pageSize));
  };
}
