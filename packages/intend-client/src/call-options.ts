import { ConfigurationError } from '@bridgekit/errors';
import type { IntendRequestOptions } from './intend-request.js';
import { objectArgument } from './resources/object-argument.js';

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
