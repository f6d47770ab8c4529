import { ConfigurationError } from '@bridgekit/errors';

// The client's small assert helpers, in one place (oauth4webapi's style): each names the option or
// argument and what it takes, and is called once where a value enters the client.

/** Query parameters; `undefined` values are left out. */
export type QueryParameters = Readonly<Record<string, string | number | boolean | undefined>>;

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

/** @internal Query values are strings, numbers or booleans (`undefined` leaves one out). */
export function checkQuery(query: QueryParameters): void {
  for (const name in query) {
    const value: unknown = query[name];
    if (value === undefined || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    throw new ConfigurationError({
      option: `query.${name}`,
      expected: 'a string, a finite number or a boolean (undefined leaves it out)',
      received: value,
    });
  }
}

/** @internal The method and path of a request: an HTTP method name, and a path below `baseUrl`. */
export function checkRequestTarget(method: unknown, path: unknown): void {
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw new ConfigurationError({
      option: 'method',
      expected: "an HTTP method such as 'GET'",
      received: method,
    });
  }
  checkPath(path);
}

/** @internal A path below `baseUrl`, such as `/api/clients`. */
export function checkPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ConfigurationError({ option: 'path', expected: 'a path such as /api/clients', received: path });
  }
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
