import { AuthenticationError } from './authentication-error.js';
import { HttpError, type HttpErrorOptions } from './http-error.js';
import { NotFoundError } from './not-found-error.js';
import { OAuthError } from './oauth-error.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { PermissionError } from './permission-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServerError } from './server-error.js';

/** What {@link createHttpError} needs to know about a failed exchange. */
export interface HttpErrorInput {
  /** The HTTP status of the failure (for an API that reports failures in a 200's body, the body's). */
  readonly status: number;
  readonly method: string;
  /** The request URL; stored redacted. */
  readonly url: string | URL;
  /** The response headers, read for `Retry-After` and request or trace ids. */
  readonly headers?: Headers | undefined;
  /** The response body: parsed JSON, or text when it was not JSON. */
  readonly body?: unknown;
  /**
  What the server said went wrong, when the body's shape is the API's own; by default read from
  RFC 9457 `detail` / `title`, RFC 6749 `error_description`, a `message` field, or a short text body.
  */
  readonly serverMessage?: string | undefined;
  /** What to check, added to the message (see `HttpErrorOptions.hint`). */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
  /** The current time in epoch milliseconds, for an HTTP-date `Retry-After`. @default Date.now() */
  readonly now?: number | undefined;
}

const oauthErrorCodes: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

const requestIdHeaders = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid'] as const;

/**
The server's request id from a response's headers (`x-request-id`, `request-id`,
`x-correlation-id`, `x-amzn-requestid`), if it sent one.

@example
```
const requestId = requestIdOf(response.headers);
```
*/
export function requestIdOf(headers: Headers | undefined): string | undefined {
  if (headers === undefined) return undefined;
  // Read on every call's result: a loop that stops at the first, with nothing allocated.
  for (const name of requestIdHeaders) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

function stringField(body: unknown, ...names: string[]): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/** The response's `Date`, when it is a valid HTTP date. */
function serverDateFrom(headers: Headers | undefined): Date | undefined {
  const value = headers?.get('date');
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
}

function traceIdFrom(body: unknown, headers: Headers | undefined): string | undefined {
  const fromBody = stringField(body, 'traceId', 'trace_id');
  if (fromBody) return fromBody;
  const traceparent = headers?.get('traceparent');
  return headers?.get('x-trace-id') ?? (traceparent ? traceparent.split('-')[1] : undefined);
}

function serverMessageFrom(body: unknown): string | undefined {
  const field = stringField(body, 'detail', 'message', 'title', 'error_description');
  if (field) return field;
  // A short plain-text body is a message; an HTML error page is not.
  const isShortText =
    typeof body === 'string' && body.length > 0 && body.length <= 200 && !body.trimStart().startsWith('<');
  return isShortText ? body : undefined;
}

/**
Maps a failed HTTP exchange to the most specific {@link HttpError} subclass. It reads RFC 9457
problem details (`title`, `detail`, `traceId`, `errors`) and RFC 6749 token errors (`error`,
`error_description`, `error_uri`), plus `Retry-After` and request-id headers.

@example
```
const error = createHttpError({status: 404, method: 'GET', url, body: {title: 'ResourceNotFound'}});
error instanceof NotFoundError; //=> true
```
*/
export function createHttpError(input: HttpErrorInput): HttpError {
  const { body, headers, status } = input;
  const requestId = requestIdOf(headers);
  const options: HttpErrorOptions = {
    status,
    method: input.method,
    url: input.url,
    serverMessage: input.serverMessage ?? serverMessageFrom(body),
    requestId,
    traceId: traceIdFrom(body, headers),
    serverDate: serverDateFrom(headers),
    details: body,
    hint: input.hint,
    cause: input.cause,
  };

  const oauthError = stringField(body, 'error');
  if (oauthError && oauthErrorCodes.has(oauthError) && (status === 400 || status === 401)) {
    return new OAuthError({
      ...options,
      error: oauthError,
      errorDescription: stringField(body, 'error_description'),
      errorUri: stringField(body, 'error_uri'),
    });
  }
  if (status === 401) return new AuthenticationError(options);
  if (status === 403) return new PermissionError(options);
  if (status === 404) return new NotFoundError(options);
  if (status === 429) {
    return new RateLimitError({
      ...options,
      retryAfter: parseRetryAfter(headers?.get('retry-after'), input.now),
    });
  }
  if (status >= 500) return new ServerError(options);
  return new HttpError(options);
}
