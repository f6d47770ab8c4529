import { ConfigurationError, checkKnownKeys } from '@bridgekit/errors';

// Small assert helpers, oauth4webapi's style: each names the option and what it takes, so that a
// test passes only when it tests what it says (`errorRate: 2`, a route that never matches).

/** @internal An object option (or nothing), with no key outside `known`. */
export function assertObject(
  value: unknown,
  option: string,
  known: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError({ option, expected: 'an object', received: value });
  }
  checkKnownKeys(value, known, option === 'options' ? '' : `${option}.`);
  return value as Record<string, unknown>;
}

/** @internal A non-empty string. */
export function assertText(value: unknown, option: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError({ option, expected: 'a non-empty string', received: value });
  }
}

/** @internal A number from `minimum` to `maximum` (whole when `integer`), or nothing. */
export function assertNumber(
  value: unknown,
  option: string,
  minimum: number,
  maximum: number,
  integer = true,
): void {
  if (value === undefined) return;
  const valid = typeof value === 'number' && (integer ? Number.isInteger(value) : Number.isFinite(value));
  if (!valid || (value as number) < minimum || (value as number) > maximum) {
    throw new ConfigurationError({
      option,
      expected: `${integer ? 'a whole number' : 'a number'} from ${minimum} to ${maximum}`,
      received: value,
    });
  }
}

/** @internal `true`, `false`, or nothing. */
export function assertBoolean(value: unknown, option: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ConfigurationError({ option, expected: 'true or false', received: value });
  }
}

/** @internal A function, or nothing. */
export function assertFunction(value: unknown, option: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new ConfigurationError({ option, expected: 'a function', received: value });
  }
}

/** @internal A count of records to seed (0 to 1,000,000), the records themselves, or nothing. */
export function assertRecords(value: unknown, option: string): void {
  if (Array.isArray(value)) return;
  assertNumber(value, option, 0, 1_000_000);
}
