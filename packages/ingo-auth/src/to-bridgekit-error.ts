import {
  AbortError,
  type BridgekitError,
  createHttpError,
  isBridgekitError,
  NetworkError,
  TimeoutError,
} from '@bridgekit/errors';
import { isForceRetryError, isHTTPError, isNetworkError, isTimeoutError } from 'ky';

interface RequestContext {
  readonly method: string;
  readonly url: string;
  readonly timeout: number;
  readonly signal: AbortSignal | undefined;
}

/** @internal Maps whatever ky (or a hook, or the token manager) threw to an error a caller can act on. */
export function toBridgekitError(error: unknown, context: RequestContext): BridgekitError {
  if (isBridgekitError(error)) return error;
  // A forced retry (a body that broke off) that ran out of attempts: the real failure is its cause.
  if (isForceRetryError(error) && isBridgekitError(error.cause)) return error.cause;
  if (context.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new AbortError(`The request was aborted by the caller (${context.method} ${context.url})`, {
      cause: error,
    });
  }
  if (isHTTPError(error)) {
    // RFC 9457 problem details: title, detail, traceId and errors end up on the error.
    return createHttpError({
      status: error.response.status,
      method: context.method,
      url: error.request.url,
      headers: error.response.headers,
      body: error.data,
      cause: error,
    });
  }
  if (isTimeoutError(error)) {
    return new TimeoutError({
      timeout: context.timeout,
      method: context.method,
      url: context.url,
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new NetworkError(
      'Could not reach the Ingo API; check `environment` or `baseUrl` and the network',
      {
        method: context.method,
        url: context.url,
        cause: error.cause ?? error,
      },
    );
  }
  return new NetworkError('The request to the Ingo API failed', {
    method: context.method,
    url: context.url,
    cause: error,
  });
}
