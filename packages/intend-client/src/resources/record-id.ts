import { ConfigurationError } from '@bridgekit/errors';

/**
@internal A record id as a `get()` sends it: a positive integer, or a string that is not empty and
has no surrounding whitespace. Checked before the request because a missing id is not an error to
the API: `GET /api/clients` without `client_id` answers a page of every client, not one.
*/
export function recordId(name: string, value: unknown): number | string {
  const valid =
    typeof value === 'number'
      ? Number.isSafeInteger(value) && value > 0
      : typeof value === 'string' && value !== '' && value.trim() === value;
  if (valid) return value as number | string;
  throw new ConfigurationError({
    option: name,
    expected: 'a record id: a positive integer, or a non-empty string without surrounding whitespace',
    received: value,
  });
}

/** @internal An id a query may leave out (`undefined`); otherwise as `recordId` checks it. */
export function optionalRecordId(name: string, value: unknown): number | string | undefined {
  return value === undefined ? undefined : recordId(name, value);
}
