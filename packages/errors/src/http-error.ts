import { BridgekitError, markErrorClass } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { redactBody, redactText, redactUrl } from './redact.js';

export interface HttpErrorOptions {
  /** The HTTP status; for an Intend envelope that reports failure over HTTP 200, the envelope's. */
  readonly status: number;
  /** The request method, upper-cased. */
  readonly method: string;
  /** The request URL. It is stored redacted (see `redactUrl`). */
  readonly url: string | URL;
  /** What the server said went wrong (`detail`, `msg`, `error_description`, ...). */
  readonly serverMessage?: string | undefined;
  /** The server's request id (`x-request-id` and similar headers). */
  readonly requestId?: string | undefined;
  /** The server's trace id (RFC 9457 `traceId`); Ingo asks clients to record it. */
  readonly traceId?: string | undefined;
  /** The parsed response body. It is stored with credential fields redacted. */
  readonly details?: unknown;
  readonly cause?: unknown;
  /**
  Whether repeating the request may succeed.
  @default true for 408, 429 and every 5xx but 501 and 505; false otherwise
  */
  readonly retryable?: boolean;
}

// 501 (Not Implemented) and 505 (HTTP Version Not Supported) fail the same way every time; every
// other 5xx, 408 and 429 describe a passing condition.
function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
  );
}

function describe(options: HttpErrorOptions, url: string): string {
  const summary = `${options.method.toUpperCase()} ${url} failed with status ${options.status}`;
  return options.serverMessage ? `${summary}: ${redactText(options.serverMessage)}` : summary;
}

/**
The server answered with an error status (or, for Intend, an error envelope).

@example
```
if (isHttpError(error)) {
	console.error(error.status, error.traceId, error.details);
}
```
*/
export class HttpError extends BridgekitError {
  static override readonly kind: string = 'HttpError';

  static {
    markErrorClass(this);
  }

  override name = 'HttpError';
  readonly status: number;
  readonly method: string;
  /** The request URL with credentials redacted. */
  readonly url: string;
  readonly requestId: string | undefined;
  readonly traceId: string | undefined;
  /** The parsed response body, credential fields redacted. */
  readonly details: unknown;

  constructor(options: HttpErrorOptions, code: ErrorCode = ErrorCode.Http) {
    const url = redactUrl(options.url);
    super(describe(options, url), code, {
      cause: options.cause,
      retryable: options.retryable ?? isRetryableStatus(options.status),
    });
    this.status = options.status;
    this.method = options.method.toUpperCase();
    this.url = url;
    this.requestId = options.requestId;
    this.traceId = options.traceId;
    this.details = redactBody(options.details);
  }

  protected override serializableFields(): Record<string, unknown> {
    return {
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      traceId: this.traceId,
      details: this.details,
    };
  }
}

/** 401: the credentials are missing, wrong, or expired. Check the API key, secret or token. */
export class AuthenticationError extends HttpError {
  static override readonly kind: string = 'AuthenticationError';

  static {
    markErrorClass(this);
  }

  override name = 'AuthenticationError';

  constructor(options: Omit<HttpErrorOptions, 'status'> & { readonly status?: number }) {
    super({ ...options, status: options.status ?? 401 }, ErrorCode.Authentication);
  }
}

/** 403: the credentials are valid but not allowed to do this (scope, allow-list, role). */
export class PermissionError extends HttpError {
  static override readonly kind: string = 'PermissionError';

  static {
    markErrorClass(this);
  }

  override name = 'PermissionError';

  constructor(options: Omit<HttpErrorOptions, 'status'> & { readonly status?: number }) {
    super({ ...options, status: options.status ?? 403 }, ErrorCode.Permission);
  }
}

/** 404: no such endpoint or record. */
export class NotFoundError extends HttpError {
  static override readonly kind: string = 'NotFoundError';

  static {
    markErrorClass(this);
  }

  override name = 'NotFoundError';

  constructor(options: Omit<HttpErrorOptions, 'status'> & { readonly status?: number }) {
    super({ ...options, status: options.status ?? 404 }, ErrorCode.NotFound);
  }
}

export interface RateLimitErrorOptions extends Omit<HttpErrorOptions, 'status'> {
  readonly status?: number;
  /** How long the server asked to wait, in milliseconds (from `Retry-After`). */
  readonly retryAfter?: number | undefined;
}

/** 429: too many requests. Wait `retryAfter` milliseconds (when the server said) and try again. */
export class RateLimitError extends HttpError {
  static override readonly kind: string = 'RateLimitError';

  static {
    markErrorClass(this);
  }

  override name = 'RateLimitError';
  /** Milliseconds the server asked to wait, from `Retry-After`; undefined when it did not say. */
  readonly retryAfter: number | undefined;

  constructor(options: RateLimitErrorOptions) {
    super({ ...options, status: options.status ?? 429 }, ErrorCode.RateLimit);
    this.retryAfter = options.retryAfter;
  }

  protected override serializableFields(): Record<string, unknown> {
    return { ...super.serializableFields(), retryAfter: this.retryAfter };
  }
}

/** 5xx: the server failed. Retryable, except 501 and 505, which fail the same way every time. */
export class ServerError extends HttpError {
  static override readonly kind: string = 'ServerError';

  static {
    markErrorClass(this);
  }

  override name = 'ServerError';

  constructor(options: HttpErrorOptions) {
    super(options, ErrorCode.Server);
  }
}

export interface OAuthErrorOptions extends Omit<HttpErrorOptions, 'serverMessage'> {
  /** RFC 6749 section 5.2 `error`: `invalid_client`, `invalid_scope`, ... */
  readonly error: string;
  readonly errorDescription?: string | undefined;
  readonly errorUri?: string | undefined;
}

/**
The token endpoint refused the request with an RFC 6749 section 5.2 error body. Not retryable:
fix the client id, secret, scope or grant type.
*/
export class OAuthError extends HttpError {
  static override readonly kind: string = 'OAuthError';

  static {
    markErrorClass(this);
  }

  override name = 'OAuthError';
  /** RFC 6749 `error`: `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type` or `invalid_scope`. */
  readonly error: string;
  readonly errorDescription: string | undefined;
  readonly errorUri: string | undefined;

  constructor(options: OAuthErrorOptions) {
    const serverMessage = options.errorDescription
      ? `${options.error} (${options.errorDescription})`
      : options.error;
    super({ retryable: false, ...options, serverMessage }, ErrorCode.OAuth);
    this.error = options.error;
    this.errorDescription = options.errorDescription;
    this.errorUri = options.errorUri;
  }

  protected override serializableFields(): Record<string, unknown> {
    return {
      ...super.serializableFields(),
      error: this.error,
      errorDescription: this.errorDescription,
      errorUri: this.errorUri,
    };
  }
}
