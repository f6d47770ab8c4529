import { ConfigurationError } from '@bridgekit/errors';
import type { QueryParameters } from './paginate-options.js';
import { objectArgument } from './resources/object-argument.js';

/** Per-call options of `request()`. */
export interface IntendRequestOptions {
  /** Query parameters; `undefined` values are left out. */
  readonly query?: QueryParameters;
  /** A JSON body. */
  readonly json?: unknown;
  /** Cancels the request: it rejects with `AbortError`. */
  readonly signal?: AbortSignal;
}

/** @internal Checks a call's options; bad ones reject the call with a `ConfigurationError`. */
export function checkCallOptions(options: IntendRequestOptions | undefined): IntendRequestOptions {
  const call = objectArgument('options', options);
  const { signal } = call;
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')
  ) {
    throw new ConfigurationError({ option: 'signal', expected: 'an AbortSignal', received: signal });
  }
  if (call.query !== undefined) objectArgument('query', call.query);
  return call;
}
