import { PaginationError, ResponseFormatError } from '@bridgekit/errors';

/** @internal A page's identity: its records' ids (or the records themselves when they have none). */
export function fingerprint(items: readonly unknown[]): string {
  return items
    .map((item) => {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      // Only a plain id is read as one: anything else a server sends is compared whole.
      return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(item);
    })
    .join('\u0000');
}

/**
@internal Throws a `PaginationError` when page `number` holds the same records as the page before
it (a server that ignores `page` would otherwise make the listing loop forever); returns this
page's fingerprint for the next check.
*/
export function checkNotRepeated(
  items: readonly unknown[],
  number: number,
  previous: string | undefined,
  itemsYielded: number,
): string | undefined {
  const current = items.length > 0 ? fingerprint(items) : undefined;
  if (current === undefined || current !== previous) return current;
  throw new PaginationError({
    checkpoint: { page: number },
    itemsYielded,
    cause: new ResponseFormatError({
      field: 'data',
      expected: `page ${number} to hold new records`,
      received: `the records of page ${number - 1} again`,
    }),
    message: `The server answered page ${number} with the same records as page ${number - 1}; it may be ignoring the \`page\` parameter. Stopped instead of looping forever.`,
  });
}
