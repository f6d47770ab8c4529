import { ConfigurationError, checkKnownKeys, isBridgekitError } from '@bridgekit/errors';
import { isHTTPError, type RetryOptions, type ShouldRetryState } from 'ky';
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
  // A client's rules, when `defaults` are a client's resolved options (a call's own `retry`).
  const base = defaults.shouldRetry && composedRules.get(defaults.shouldRetry);
  defaults = {
    statusCodes: listedStatuses,
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
  const given = base && merged.shouldRetry === defaults.shouldRetry ? base.given : merged.shouldRetry;
  return composeRetry(merged, { given, verdict: verdict ?? base?.verdict });
}

type ShouldRetry = NonNullable<RetryOptions['shouldRetry']>;

/** What a composed `shouldRetry` asks, kept so that a call's `retry` composes them afresh. */
interface RetryRules {
  readonly given: ShouldRetry | undefined;
  readonly verdict: RetryVerdict | undefined;
}

const composedRules = new WeakMap<ShouldRetry, RetryRules>();

/**
The statuses ky is told to retry: the common ones, `Retry-After`'s included. The rest of
{@link retryableStatuses} are retried by `shouldRetry`: ky copies its status list several times
per request, and a list of all hundred cost every call more than the rest of its options.
*/
const listedStatuses = Object.freeze([408, 429, 500, 502, 503, 504]) as number[];

/** The lists made here (the listed statuses and those a user's `afterStatusCodes` adds), not a user's. */
const ownLists = new WeakSet<readonly number[]>([listedStatuses]);

function composeRetry(merged: RetryOptions, rules: RetryRules): RetryOptions {
  let { statusCodes } = merged;
  const ours = statusCodes !== undefined && ownLists.has(statusCodes);
  // A retryable status whose `Retry-After` the user wants honoured must be on ky's list: ky reads
  // the header only there, and a `true` from `shouldRetry` would skip it.
  const waited = (merged.afterStatusCodes ?? []).filter(
    (status) => retryableStatuses.includes(status) && !listedStatuses.includes(status),
  );
  if (ours && waited.length > 0) {
    statusCodes = [...listedStatuses, ...waited];
    ownLists.add(statusCodes);
  }
  const listed = statusCodes ?? listedStatuses;
  // The rest of the retryable statuses, unless the user gave ky a list of their own. A `shouldRetry`
  // answer that is no boolean (undefined, or a promise of one) leaves the decision to ky, as ky does.
  const orUnlisted = (answer: unknown, state: ShouldRetryState) =>
    typeof answer === 'boolean' ? answer : ours ? retriesUnlisted(state, listed) : undefined;
  const shouldRetry: ShouldRetry = (state) => {
    // A bridgekit error raised inside the fetch that says it is final (a refused redirect, an
    // answer over its byte limit) stays final, whatever a user's `shouldRetry` would say.
    if (isBridgekitError(state.error) && !state.error.retryable) return false;
    const answer = rules.verdict?.(state) ?? rules.given?.(state);
    return typeof (answer as PromiseLike<unknown> | undefined)?.then === 'function'
      ? Promise.resolve(answer).then((settled) => orUnlisted(settled, state))
      : orUnlisted(answer, state);
  };
  composedRules.set(shouldRetry, rules);
  return statusCodes === undefined ? { ...merged, shouldRetry } : { ...merged, statusCodes, shouldRetry };
}

/** True for a retryable status ky's list leaves out: ky then waits its backoff, as for a listed one. */
function retriesUnlisted({ error }: ShouldRetryState, listed: readonly number[]): true | undefined {
  const status = isHTTPError(error) ? error.response.status : undefined;
  return status !== undefined && !listed.includes(status) && retryableStatuses.includes(status)
    ? true
    : undefined;
}
