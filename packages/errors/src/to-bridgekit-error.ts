import { type BridgekitError, isBridgekitError } from './bridgekit-error.js';
import { createHttpError } from './error-from-response.js';
import { redactUrl } from './redact.js';
import { AbortError, NetworkError, TimeoutError } from './request-errors.js';

/** What the failed call was, for the error's fields and message. */
export interface FailedCallContext {
  readonly method: string;
  readonly url: string;
  /** The per-attempt timeout in milliseconds, for a `TimeoutError`. */
  readonly timeout: number;
  /** The caller's signal: when it fired, the failure is an `AbortError` whatever was thrown. */
  readonly signal?: AbortSignal | undefined;
  /**
  Names the service in network-error messages.
  @example 'the Intend API'
  */
  readonly service: string;
  /**
  How to fix an unreachable service.
  @example 'check `baseUrl` and the network'
  */
  readonly reachHint: string;
}

interface KyLikeError {
  readonly name: string;
  readonly cause?: unknown;
  readonly response?: Response;
  readonly request?: Request;
  readonly data?: unknown;
}

// ky's errors are recognised by name and shape, not by class, so this package needs no ky and
// works with any copy of it (the same reasoning as the cross-copy guards).
function kyError(error: unknown, name: string): KyLikeError | undefined {
  return error instanceof Error && error.name === name ? (error as KyLikeError) : undefined;
}

/**
ky's errors carry the `Request` that was sent (signed headers and bearer tokens included) and its
options; kept as `cause`, `util.inspect(error)` would print them. Keep the name and a redacted
message only.
*/
function safeCause(error: unknown): unknown {
  if (!(error instanceof Error) || !('request' in error || 'options' in error || 'response' in error))
    return error;
  const cause = new Error(error.message.replace(/https?:\/\/\S+/g, (found) => redactUrl(found)));
  cause.name = error.name;
  return cause;
}

/**
Maps whatever an HTTP call threw (a ky `HTTPError`, `TimeoutError`, `NetworkError` or exhausted
forced retry, a platform `fetch` failure, an abort, or an error raised by a hook) to the bridgekit
error a caller can act on. Bridgekit errors pass through unchanged.

@example
```
try {
	return await api.get('clients').json();
} catch (error) {
	throw toBridgekitError(error, {method: 'GET', url, timeout: 30_000, signal, service: 'the Intend API', reachHint: 'check `baseUrl`'});
}
```
*/
export function toBridgekitError(error: unknown, context: FailedCallContext): BridgekitError {
  const url = redactUrl(context.url);
  // The caller's abort comes first: whatever broke as a consequence (a body read, a retry) is noise.
  if (context.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new AbortError(`The request was aborted by the caller (${context.method} ${url})`, {
      cause: safeCause(error),
    });
  }
  if (isBridgekitError(error)) return error;
  const forcedRetry = kyError(error, 'ForceRetryError');
  // A forced retry that ran out of attempts: the real failure is its cause.
  if (forcedRetry && isBridgekitError(forcedRetry.cause)) return forcedRetry.cause;
  const http = kyError(error, 'HTTPError');
  if (http?.response) {
    return createHttpError({
      status: http.response.status,
      method: context.method,
      url: http.request?.url ?? context.url,
      headers: http.response.headers,
      body: http.data,
      cause: safeCause(error),
    });
  }
  const where = { method: context.method, url: context.url };
  if (kyError(error, 'TimeoutError')) {
    return new TimeoutError({ ...where, timeout: context.timeout, cause: safeCause(error) });
  }
  const network = kyError(error, 'NetworkError');
  if (network) {
    return new NetworkError(`Could not reach ${context.service}; ${context.reachHint}`, {
      ...where,
      cause: safeCause(network.cause ?? error),
    });
  }
  return new NetworkError(`The request to ${context.service} failed`, { ...where, cause: safeCause(error) });
}
