import { type Options, type RetryOptions, replaceOption } from 'ky';
import { resolveDuration } from './duration-option.js';
import { resolveRetryOptions } from './retry-options.js';
import { checkSignal } from './signal-option.js';
import { checkHeaders } from './string-record-option.js';

/** Per-call options of every method that sends a request: each overrides the client's for this call only. */
export interface CallOptions {
  /**
  Milliseconds to wait for each attempt's response, for this call.
  @default the client's `timeout`
  @example 5000
  */
  readonly timeout?: number;
  /**
  Retries for this call, with the client option's meaning (a number of retries, or ky's retry
  options merged over the client's).
  @default the client's `retry`
  @example 0
  */
  readonly retry?: number | RetryOptions;
  /**
  Headers for this call, over the client's.
  @example {'x-correlation-id': runId}
  */
  readonly headers?: Readonly<Record<string, string>>;
  /**
  Cancels the call: it rejects with `AbortError`.
  @example AbortSignal.timeout(10_000)
  */
  readonly signal?: AbortSignal;
}

/** The keys of {@link CallOptions}, for `checkKnownKeys`. */
export const callOptionKeys: readonly ['timeout', 'retry', 'headers', 'signal'] = [
  'timeout',
  'retry',
  'headers',
  'signal',
];

/**
Checks a call's own options and returns what ky is told for this call only: its `timeout`, its
`retry` merged over the client's, its `headers` and its `signal`. Bad values are a
`ConfigurationError`, before any request.

@example
```
const response = await api.get(url, {...callKyOptions(options, clientRetry)});
```
*/
export function callKyOptions(call: CallOptions, clientRetry: RetryOptions): Options {
  const { timeout, retry, headers, signal } = call;
  checkSignal(signal);
  const perCall =
    timeout === undefined ? undefined : resolveDuration(timeout, { option: 'timeout', fallback: 0 });
  const retryOptions = retry === undefined ? clientRetry : resolveRetryOptions(retry, clientRetry);
  // A `Retry-After` is honoured up to the call's own timeout when it has one, as up to the client's.
  const capped =
    perCall !== undefined && (retryOptions.maxRetryAfter ?? Number.POSITIVE_INFINITY) > perCall
      ? { ...retryOptions, maxRetryAfter: perCall }
      : retryOptions;
  return {
    ...(perCall === undefined ? {} : { timeout: perCall }),
    // Replaced, not deep-merged: ky would join a call's `statusCodes` or `methods` to the client's.
    ...(capped === clientRetry ? {} : { retry: replaceOption(capped) }),
    ...(headers === undefined ? {} : { headers: checkHeaders(headers) }),
    ...(signal === undefined ? {} : { signal }),
  };
}
