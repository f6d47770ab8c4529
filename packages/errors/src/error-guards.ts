import { hasErrorMarker } from './bridgekit-error.js';
import type { ConfigurationError } from './configuration-error.js';
import type {
  AuthenticationError,
  HttpError,
  NotFoundError,
  OAuthError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './http-error.js';
import type { PaginationError } from './pagination-error.js';
import type { AbortError, NetworkError, TimeoutError } from './request-errors.js';
import type { ResponseFormatError } from './response-format-error.js';
import type { SignatureError } from './signature-error.js';

// Guards read the cross-copy marker, not `instanceof`, so they hold when two copies of this
// package are installed (a dependency pinned to another version, a bundled copy).

/** Whether `value` is an {@link HttpError} (any status, including its subclasses). */
export const isHttpError = (value: unknown): value is HttpError => hasErrorMarker(value, 'HttpError');
/** Whether `value` is an {@link AuthenticationError} (401). */
export const isAuthenticationError = (value: unknown): value is AuthenticationError =>
  hasErrorMarker(value, 'AuthenticationError');
/** Whether `value` is a {@link PermissionError} (403). */
export const isPermissionError = (value: unknown): value is PermissionError =>
  hasErrorMarker(value, 'PermissionError');
/** Whether `value` is a {@link NotFoundError} (404). */
export const isNotFoundError = (value: unknown): value is NotFoundError =>
  hasErrorMarker(value, 'NotFoundError');
/** Whether `value` is a {@link RateLimitError} (429). */
export const isRateLimitError = (value: unknown): value is RateLimitError =>
  hasErrorMarker(value, 'RateLimitError');
/** Whether `value` is a {@link ServerError} (5xx). */
export const isServerError = (value: unknown): value is ServerError => hasErrorMarker(value, 'ServerError');
/** Whether `value` is an {@link OAuthError} (RFC 6749 error body). */
export const isOAuthError = (value: unknown): value is OAuthError => hasErrorMarker(value, 'OAuthError');
/** Whether `value` is a {@link NetworkError}. */
export const isNetworkError = (value: unknown): value is NetworkError =>
  hasErrorMarker(value, 'NetworkError');
/** Whether `value` is a {@link TimeoutError}. */
export const isTimeoutError = (value: unknown): value is TimeoutError =>
  hasErrorMarker(value, 'TimeoutError');
/** Whether `value` is an {@link AbortError}. */
export const isAbortError = (value: unknown): value is AbortError => hasErrorMarker(value, 'AbortError');
/** Whether `value` is a {@link ResponseFormatError}. */
export const isResponseFormatError = (value: unknown): value is ResponseFormatError =>
  hasErrorMarker(value, 'ResponseFormatError');
/** Whether `value` is a {@link SignatureError}. */
export const isSignatureError = (value: unknown): value is SignatureError =>
  hasErrorMarker(value, 'SignatureError');
/** Whether `value` is a {@link ConfigurationError}. */
export const isConfigurationError = (value: unknown): value is ConfigurationError =>
  hasErrorMarker(value, 'ConfigurationError');
/** Whether `value` is a {@link PaginationError}. */
export const isPaginationError = (value: unknown): value is PaginationError =>
  hasErrorMarker(value, 'PaginationError');
