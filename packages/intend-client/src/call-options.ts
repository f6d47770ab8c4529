import { type CallOptions, callKyOptions, callOptionKeys, objectOption } from '@bridgekit/http';
import type { Options, RetryOptions } from 'ky';
import { checkQuery, type QueryParameters } from './assertions.js';

/** Per-call options of every method that sends a request: `timeout`, `retry`, `headers`, `signal`. */
export type IntendCallOptions = CallOptions;

/** Per-call options of `request()`. */
export interface IntendRequestOptions extends IntendCallOptions {
  /**
  Query parameters; `undefined` values are left out. Any name is taken: `request()` is the escape hatch.
  @example {client_id: 16}
  */
  readonly query?: QueryParameters;
  /**
  A JSON body.
  @example {first_name: 'Ada'}
  */
  readonly json?: unknown;
}

const requestOptionKeys = [...callOptionKeys, 'query', 'json'] as const;

/** @internal A call's options, checked: its query and body, and what ky is told for this call only. */
export interface CheckedCall {
  readonly query: QueryParameters | undefined;
  readonly json: unknown;
  readonly signal: AbortSignal | undefined;
  readonly kyOptions: Options;
}

/** @internal Checks a call's options; bad ones reject the call with a `ConfigurationError`. */
export function checkCallOptions(
  options: IntendRequestOptions | undefined,
  clientRetry: RetryOptions,
): CheckedCall {
  const call = objectOption('options', options, requestOptionKeys);
  if (call.query !== undefined) checkQuery(objectOption('query', call.query));
  return {
    query: call.query,
    json: call.json,
    signal: call.signal,
    kyOptions: callKyOptions(call, clientRetry),
  };
}
