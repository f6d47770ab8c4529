import { ResponseFormatError } from '@bridgekit/errors';

/** One page as the server sent it, before the paginator decides what to do with it. */
export interface RawPage<T> {
  readonly items: T[];
  /** From Laravel-style metadata, when the server sends it. */
  readonly lastPage: number | undefined;
  readonly total: number | undefined;
  /** False when metadata says there is no next page (`next_page_url: null`). */
  readonly hasNext: boolean | undefined;
  /** The server's request id for this page, when it sent one. */
  readonly requestId?: string | undefined;
  /** HTTP attempts this page took, the first included. */
  readonly attempts?: number | undefined;
}

function finiteNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
Reads a list's `data`: a bare array (what the vendor documents), or a Laravel paginator object
(`{current_page, data, last_page, per_page, total, next_page_url}`) whose metadata is then used.
*/
export function readPage<T>(data: unknown, context: { method: string; url: string }): RawPage<T> {
  if (Array.isArray(data))
    return { items: data as T[], lastPage: undefined, total: undefined, hasNext: undefined };
  if (typeof data === 'object' && data !== null && Array.isArray((data as { data?: unknown }).data)) {
    const paginator = data as Record<string, unknown>;
    return {
      items: paginator['data'] as T[],
      lastPage: finiteNumber(paginator['last_page']),
      total: finiteNumber(paginator['total']),
      hasNext: 'next_page_url' in paginator ? paginator['next_page_url'] !== null : undefined,
    };
  }
  throw new ResponseFormatError({
    ...context,
    field: 'data',
    expected: 'an array of records, or a paginator object with a `data` array',
    received: data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`,
  });
}
