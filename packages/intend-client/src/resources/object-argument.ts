import { ConfigurationError } from '@bridgekit/errors';

/** @internal An optional object argument (a query, call options): `{}` when left out, an error when not an object. */
export function objectArgument<T extends object>(name: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError({ option: name, expected: 'an object (or nothing)', received: value });
  }
  return value;
}
