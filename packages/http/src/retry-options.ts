import { ConfigurationError, checkKnownKeys, isBridgekitError } from '@bridgekit/errors';
import type { RetryOptions, ShouldRetryState } from 'ky';
import { retryAfterStatuses, retryableStatuses } from './retryable-statuses.js';

/** The most retries any option accepts: more would only hide an outage. */
export const maxRetryLimit = 20;

/** What a client says about a failure before the user's `shouldRetry` is asked. */
export type RetryVerdict = (state: ShouldRetryState) => boolean | undefined;

const functionFields = ['shouldRetry', 'delay'] as const;
const durationFields = ['backoffLimit', 'maxRetryAfter'] as const;

function checkLimit(value: unknown, option: string): void {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > maxRetryLimit) {
    throw new ConfigurationError({
      option,
      expected: `a whole number of retries from 0 (no retries) to ${maxRetryLimit}, or ky retry options`,
      received: value,
    });
  }
}

/** ky's retry options, all of them: any other key is a typo that ky would ignore. */
const retryKeys = [
  'limit',
  'methods',
  'statusCodes',
  'afterStatusCodes',
  'maxRetryAfter',
  'backoffLimit',
  'delay',
  'jitter',
  'retryOnTimeout',
  'shouldRetry',
] as const;

function checkFields(retry: RetryOptions): void {
  checkKnownKeys(retry, retryKeys, 'retry.');
  if (retry.limit !== undefined) checkLimit(retry.limit, 'retry.limit');
  for (const name of functionFields) {
    if (retry[name] !== undefined && typeof retry[name] !== 'function') {
      throw new ConfigurationError({
        option: `retry.${name}`,
        expected: 'a function',
        received: retry[name],
      });
    }
  }
  for (const name of durationFields) {
    const value = retry[name];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value < 0)) {
      throw new ConfigurationError({
        option: `retry.${name}`,
        expected: 'a number of milliseconds',
        received: value,
      });
    }
  }
  for (const name of ['methods', 'statusCodes', 'afterStatusCodes'] as const) {
    if (retry[name] !== undefined && !Array.isArray(retry[name])) {
      throw new ConfigurationError({ option: `retry.${name}`, expected: 'an array', received: retry[name] });
    }
  }
}

/**
Normalises a `retry` option with ky's meaning for every package: a number is `limit`, the
retries after the first attempt (`0` disables them); an object is ky's `RetryOptions`, merged
over the client's `defaults`, themselves over every client's: the {@link retryableStatuses},
`Retry-After` read on 429 and 503, timeouts retried. A bridgekit error that is not `retryable`
is never retried.
`verdict`, when given, decides next about every failure (a client's
own rules, e.g. never retry a failed token request), and the user's `shouldRetry` is asked only
where it says nothing.

@example
```
const retry = resolveRetryOptions(options.retry, {limit: 2, methods: ['get']});
```
*/
export function resolveRetryOptions(
  retry: unknown,
  defaults: RetryOptions,
  verdict?: RetryVerdict,
): RetryOptions {
  let merged: RetryOptions;
  defaults = {
    statusCodes: [...retryableStatuses],
    afterStatusCodes: [...retryAfterStatuses],
    retryOnTimeout: true,
    ...defaults,
  };
  if (retry === undefined) {
    merged = defaults;
  } else if (typeof retry === 'number') {
    checkLimit(retry, 'retry');
    merged = { ...defaults, limit: retry };
  } else if (typeof retry === 'object' && retry !== null && !Array.isArray(retry)) {
    checkFields(retry);
    merged = { ...defaults, ...retry };
  } else {
    throw new ConfigurationError({
      option: 'retry',
      expected: 'a whole number of retries, or ky retry options (`{limit, backoffLimit, ...}`)',
      received: retry,
    });
  }
  const given = merged.shouldRetry;
  return {
    ...merged,
    // A bridgekit error raised inside the fetch that says it is final (a refused redirect, an
    // answer over its byte limit) stays final, whatever a user's `shouldRetry` would say.
    shouldRetry: (state) =>
      (isBridgekitError(state.error) && !state.error.retryable ? false : undefined) ??
      verdict?.(state) ??
      given?.(state),
  };
}
