import { ConfigurationError } from '@bridgekit/errors';

/** Query parameters; `undefined` values are left out. */
export type QueryParameters = Readonly<Record<string, string | number | boolean | undefined>>;

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
