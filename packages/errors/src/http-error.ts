import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode, type HttpErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { redactBody, redactText, redactUrl } from './redact.js';
import { isRetryableStatus } from './retryable-status.js';

/** What an {@link HttpError} is made from: the failed exchange, without its secrets. */
export interface HttpErrorOptions {
  /** The HTTP status; for an API that reports failure in the body of an HTTP 200, the body's. */
  readonly status: number;
  /** The request method, upper-cased. */
  readonly method: string;
  /** The request URL. It is stored redacted (see `redactUrl`). */
  readonly url: string | URL;
  /** What the server said went wrong (`detail`, `message`, `error_description`, ...). */
  readonly serverMessage?: string | undefined;
  /** The server's request id (`x-request-id` and similar headers). */
  readonly requestId?: string | undefined;
  /** The server's trace id (RFC 9457 `traceId`); Ingo asks clients to record it. */
  readonly traceId?: string | undefined;
  /** The response's `Date`: the server's clock, to compare with a signer's or a token's. */
  readonly serverDate?: Date | undefined;
  /** The parsed response body. It is stored with credential fields redacted. */
  readonly details?: unknown;
  /**
  What to check, added to the message: the client knows what a status means for its API.
  @example 'Check `apiKey`, `secretKey` and the signature scheme.'
  */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
  /**
  Whether repeating the request may succeed.
  @default true for 408, 429 and every 5xx but 501 and 505 (see `isRetryableStatus`); false otherwise
  */
  readonly retryable?: boolean;
}

/** The options of the subclasses whose status is implied by the class (401, 403, 404, 429). */
export type HttpStatusErrorOptions = Omit<HttpErrorOptions, 'status'> & { readonly status?: number };

function describe(options: HttpErrorOptions, url: string): string {
  const summary = `${options.method.toUpperCase()} ${url} failed with status ${options.status}`;
  const said = options.serverMessage ? `${summary}: ${redactText(options.serverMessage)}` : summary;
  return options.hint ? `${said}. ${options.hint}` : said;
}

/**
The server answered with an error status (or reported a failure in the body of an HTTP 200).

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

  declare readonly code: HttpErrorCode;
  readonly status: number;
  readonly method: string;
  /** The request URL with credentials redacted. */
  readonly url: string;
  readonly requestId: string | undefined;
  readonly traceId: string | undefined;
  /** The response's `Date` header, when it sent a valid one: the server's clock. */
  readonly serverDate: Date | undefined;
  /** The parsed response body, credential fields redacted. */
  readonly details: unknown;

  constructor(options: HttpErrorOptions, code: HttpErrorCode = ErrorCode.Http) {
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
    this.serverDate = options.serverDate;
    this.details = redactBody(options.details);
  }

  protected override serializableFields(): Record<string, unknown> {
    return {
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      traceId: this.traceId,
      serverDate: this.serverDate?.toISOString(),
      details: this.details,
    };
  }
}
