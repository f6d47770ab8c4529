import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpErrorOptions } from './http-error.js';
import { redactText } from './redact.js';

/** What an {@link OAuthError} is made from: the token endpoint's failed answer. */
export interface OAuthErrorOptions extends Omit<HttpErrorOptions, 'serverMessage'> {
  /** RFC 6749 section 5.2 `error`: `invalid_client`, `invalid_scope`, ... */
  readonly error: string;
  /** RFC 6749 `error_description`. Stored with echoed credentials redacted (see `redactText`). */
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

  declare readonly code: typeof ErrorCode.OAuth;
  /** RFC 6749 `error`: `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type` or `invalid_scope`. */
  readonly error: string;
  /** The server's description, with echoed credentials redacted. */
  readonly errorDescription: string | undefined;
  readonly errorUri: string | undefined;

  constructor(options: OAuthErrorOptions) {
    const serverMessage = options.errorDescription
      ? `${options.error} (${options.errorDescription})`
      : options.error;
    super({ retryable: false, ...options, serverMessage }, ErrorCode.OAuth);
    this.error = options.error;
    this.errorDescription =
      options.errorDescription === undefined ? undefined : redactText(options.errorDescription);
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
