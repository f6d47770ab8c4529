import { ConfigurationError, checkKnownKeys } from '@bridgekit/errors';

/**
@internal An optional object argument (a query, call options): `{}` when left out, an error when
not an object, or when it has a key not in `known` (a typo such as `client_type` would otherwise
be ignored, with wrong results).
*/
export function objectArgument<T extends object>(
  name: string,
  value: T | undefined,
  known?: readonly string[],
): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError({ option: name, expected: 'an object (or nothing)', received: value });
  }
  if (known !== undefined) checkKnownKeys(value, known, `${name}.`);
  return value;
}
