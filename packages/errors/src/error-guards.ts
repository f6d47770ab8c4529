import type { AbortError } from './abort-error.js';
import type { AuthenticationError } from './authentication-error.js';
import type { ConfigurationError } from './configuration-error.js';
import { hasErrorMarker } from './error-marker.js';
import type { HttpError } from './http-error.js';
import type { NetworkError } from './network-error.js';
import type { NotFoundError } from './not-found-error.js';
import type { OAuthError } from './oauth-error.js';
import type { PaginationError } from './pagination-error.js';
import type { PermissionError } from './permission-error.js';
import type { RateLimitError } from './rate-limit-error.js';
import type { RedirectError } from './redirect-error.js';
import type { ResponseFormatError } from './response-format-error.js';
import type { ResponseTooLargeError } from './response-too-large-error.js';
import type { ServerError } from './server-error.js';
import type { SignatureError } from './signature-error.js';
import type { TimeoutError } from './timeout-error.js';

/** A type guard for one error class. */
export type ErrorGuard<T> = (value: unknown) => value is T;

// Every guard is this one check, the same one behind `X.isInstance()`: it reads the cross-copy
// marker, not `instanceof`, so it holds when two copies of this package are installed.
const guard =
  <T>(kind: string): ErrorGuard<T> =>
  (value: unknown): value is T =>
    hasErrorMarker(value, kind);

/** Whether `value` is an {@link HttpError} (any status, including its subclasses). */
export const isHttpError: ErrorGuard<HttpError> = guard('HttpError');
/** Whether `value` is an {@link AuthenticationError} (401). */
export const isAuthenticationError: ErrorGuard<AuthenticationError> = guard('AuthenticationError');
/** Whether `value` is a {@link PermissionError} (403). */
export const isPermissionError: ErrorGuard<PermissionError> = guard('PermissionError');
/** Whether `value` is a {@link NotFoundError} (404). */
export const isNotFoundError: ErrorGuard<NotFoundError> = guard('NotFoundError');
/** Whether `value` is a {@link RateLimitError} (429). */
export const isRateLimitError: ErrorGuard<RateLimitError> = guard('RateLimitError');
/** Whether `value` is a {@link ServerError} (5xx). */
export const isServerError: ErrorGuard<ServerError> = guard('ServerError');
/** Whether `value` is an {@link OAuthError} (RFC 6749 error body). */
export const isOAuthError: ErrorGuard<OAuthError> = guard('OAuthError');
/** Whether `value` is a {@link NetworkError}. */
export const isNetworkError: ErrorGuard<NetworkError> = guard('NetworkError');
/** Whether `value` is a {@link TimeoutError}. */
export const isTimeoutError: ErrorGuard<TimeoutError> = guard('TimeoutError');
/** Whether `value` is an {@link AbortError}. */
export const isAbortError: ErrorGuard<AbortError> = guard('AbortError');
/** Whether `value` is a {@link ResponseFormatError}. */
export const isResponseFormatError: ErrorGuard<ResponseFormatError> = guard('ResponseFormatError');
/** Whether `value` is a {@link SignatureError}. */
export const isSignatureError: ErrorGuard<SignatureError> = guard('SignatureError');
/** Whether `value` is a {@link ConfigurationError}. */
export const isConfigurationError: ErrorGuard<ConfigurationError> = guard('ConfigurationError');
/** Whether `value` is a {@link PaginationError}. */
export const isPaginationError: ErrorGuard<PaginationError> = guard('PaginationError');
/** Whether `value` is a {@link RedirectError} (a 3xx that was not followed). */
export const isRedirectError: ErrorGuard<RedirectError> = guard('RedirectError');
/** Whether `value` is a {@link ResponseTooLargeError}. */
export const isResponseTooLargeError: ErrorGuard<ResponseTooLargeError> = guard('ResponseTooLargeError');
