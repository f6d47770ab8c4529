import {
  AbortError,
  type BridgekitError,
  createHttpError,
  isAbortError,
  isBridgekitError,
  NetworkError,
  redactUrl,
  TimeoutError,
} from '@bridgekit/errors';
import { isForceRetryError, isHTTPError, isNetworkError, isTimeoutError } from 'ky';

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
  /**
  Maps an HTTP failure when the API has its own error body (an envelope); the standard mapping
  (`createHttpError`) is used when it returns undefined.
  */
  readonly mapHttpError?:
    | ((response: Response, body: unknown, cause: unknown) => BridgekitError | undefined)
    | undefined;
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

function fromHttpError(error: unknown, context: FailedCallContext): BridgekitError | undefined {
  if (!isHTTPError(error)) return undefined;
  const cause = safeCause(error);
  return (
    context.mapHttpError?.(error.response, error.data, cause) ??
    createHttpError({
      status: error.response.status,
      method: context.method,
      url: error.request.url,
      headers: error.response.headers,
      body: error.data,
      cause,
    })
  );
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
  // A bridgekit AbortError as the reason (a client closed) already says what happened.
  const reason: unknown = context.signal?.aborted ? context.signal.reason : undefined;
  // New each time: a caller may attach fields of its own (a listing's checkpoint) to the error.
  if (isAbortError(reason)) return new AbortError(reason.message, { cause: reason });
  if (isAbortError(error) && !context.signal?.aborted) return error;
  if (context.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new AbortError(`The request was aborted by the caller (${context.method} ${url})`, {
      cause: safeCause(error),
    });
  }
  // Before ky's guards: they match by name, and bridgekit's NetworkError and TimeoutError share ky's names.
  if (isBridgekitError(error)) return error;
  // A forced retry that ran out of attempts: the real failure is its cause.
  if (isForceRetryError(error) && isBridgekitError(error.cause)) return error.cause;
  const httpError = fromHttpError(error, context);
  if (httpError) return httpError;
  const where = { method: context.method, url: context.url };
  if (isTimeoutError(error)) {
    return new TimeoutError({ ...where, timeout: context.timeout, cause: safeCause(error) });
  }
  if (isNetworkError(error)) {
    return new NetworkError(`Could not reach ${context.service}; ${context.reachHint}`, {
      ...where,
      cause: safeCause(error.cause ?? error),
    });
  }
  return new NetworkError(`The request to ${context.service} failed`, { ...where, cause: safeCause(error) });
}
