import { ConfigurationError } from '@bridgekit/errors';
import { checkSignal } from '@bridgekit/http';
import type { QueryParameters } from './query-parameters.js';
import { checkQuery } from './query-parameters.js';
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
  checkSignal(call.signal);
  if (call.query !== undefined) checkQuery(objectArgument('query', call.query));
  return call;
}

/** @internal The method and path of a request: an HTTP method name, and a path below `baseUrl`. */
export function checkRequestTarget(method: unknown, path: unknown): void {
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw new ConfigurationError({
      option: 'method',
      expected: "an HTTP method such as 'GET'",
      received: method,
    });
  }
  checkPath(path);
}

/** @internal A path below `baseUrl`, such as `/api/clients`. */
export function checkPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ConfigurationError({ option: 'path', expected: 'a path such as /api/clients', received: path });
  }
}
