import { ConfigurationError } from '@bridgekit/errors';
import { type ResolvedHeaderNames, resolveHeaderNames } from './header-names.js';
import { type ResolvedScheme, resolveScheme } from './signature-scheme.js';

/** @internal The options that the signer and the verifier share, validated and with defaults filled in. */
export interface SharedOptions {
  readonly scheme: ResolvedScheme;
  readonly headerNames: ResolvedHeaderNames;
  /** Reads the clock, in epoch milliseconds; throws a `ConfigurationError` for a reading that is not a finite number. */
  readonly clock: () => number;
}

const clockExpected = 'a function that returns epoch milliseconds';

function clockFrom(now: () => unknown): () => number {
  return () => {
    const reading = now();
    if (typeof reading === 'number' && Number.isFinite(reading)) return reading;
    throw new ConfigurationError({ option: 'now', expected: clockExpected, received: reading });
  };
}

/**
@internal
Validates the options object itself and the options that `createIntendSigner` and
`verifyIntendRequest` share (`scheme`, `headerNames`, `now`). `example` completes "an object such
as ..." in the error for options that are not an object.
*/
export function resolveSharedOptions(options: unknown, example: string): SharedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: `an object such as ${example}`,
      received: options,
    });
  }
  const { now, scheme, headerNames } = options as Readonly<Record<string, unknown>>;
  if (now !== undefined && typeof now !== 'function') {
    throw new ConfigurationError({ option: 'now', expected: clockExpected, received: now });
  }
  return {
    scheme: resolveScheme(scheme),
    headerNames: resolveHeaderNames(headerNames),
    clock: clockFrom((now as (() => unknown) | undefined) ?? Date.now),
  };
}
