import {
  AuthenticationError,
  HttpError,
  type HttpErrorOptions,
  NotFoundError,
  OAuthError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './http-error.js';

/** What {@link createHttpError} needs to know about a failed exchange. */
export interface HttpErrorInput {
  /** The HTTP status of the response. */
  readonly status: number;
  readonly method: string;
  /** The request URL; stored redacted. */
  readonly url: string | URL;
  /** The response headers, read for `Retry-After` and request or trace ids. */
  readonly headers?: Headers | undefined;
  /** The response body: parsed JSON, or text when it was not JSON. */
  readonly body?: unknown;
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

function stringField(body: unknown, ...names: string[]): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
Parses `Retry-After` (delay-seconds or an HTTP-date, RFC 9110 section 10.2.3) into milliseconds.
Returns undefined when absent or unreadable.
*/
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether a parsed body is an Intend envelope that reports failure (see the Intend reference). */
export function isIntendFailureEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { status, response } = body as Record<string, unknown>;
  const statusFails = typeof status === 'number' && (status < 200 || status > 299);
  return response === false || statusFails;
}

function traceIdFrom(body: unknown, headers: Headers | undefined): string | undefined {
  const fromBody = stringField(body, 'traceId', 'trace_id');
  if (fromBody) return fromBody;
  const traceparent = headers?.get('traceparent');
  return headers?.get('x-trace-id') ?? (traceparent ? traceparent.split('-')[1] : undefined);
}

/**
Maps a failed HTTP exchange to the most specific {@link HttpError} subclass. It reads RFC 9457
problem details (`title`, `detail`, `traceId`, `errors`), the Intend envelope (`status`,
`response`, `msg`, also when it reports failure over HTTP 200) and RFC 6749 token errors
(`error`, `error_description`, `error_uri`).

@example
```
const error = createHttpError({status: 404, method: 'GET', url, body: {status: 404, response: false, msg: 'Not found'}});
error instanceof NotFoundError; //=> true
```
*/
export function createHttpError(input: HttpErrorInput): HttpError {
  const { body, headers } = input;
  const envelopeStatus =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['status'] : undefined;
  // An Intend envelope that fails over HTTP 200 carries the real status in its body.
  const status =
    input.status >= 200 && input.status < 300 && typeof envelopeStatus === 'number' && envelopeStatus >= 400
      ? envelopeStatus
      : input.status;

  const requestId = requestIdHeaders.map((name) => headers?.get(name)).find((value) => value) ?? undefined;
  const options: HttpErrorOptions = {
    status,
    method: input.method,
    url: input.url,
    serverMessage:
      stringField(body, 'detail', 'msg', 'message', 'title', 'error_description') ??
      (typeof body === 'string' && body.length > 0 && body.length <= 200 && !body.trimStart().startsWith('<')
        ? body
        : undefined),
    requestId,
    traceId: traceIdFrom(body, headers),
    details: body,
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

/**
Reads a failed `Response`'s body (JSON when it parses, text otherwise) and maps it with
{@link createHttpError}.
*/
export async function errorFromResponse(
  response: Response,
  request: { readonly method: string; readonly url?: string | URL | undefined },
): Promise<HttpError> {
  let body: unknown;
  try {
    const text = await response.text();
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
  } catch {
    body = undefined;
  }
  return createHttpError({
    status: response.status,
    method: request.method,
    url: request.url ?? response.url,
    headers: response.headers,
    body,
  });
}
