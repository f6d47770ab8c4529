export { AbortError } from './abort-error.js';
export { attachCheckpoint } from './attach-checkpoint.js';
export { AuthenticationError } from './authentication-error.js';
export {
  BridgekitError,
  type BridgekitErrorOptions,
  isBridgekitError,
  type SerializedError,
} from './bridgekit-error.js';
export { ConfigurationError, type ConfigurationErrorOptions } from './configuration-error.js';
export { createHttpError, type HttpErrorInput, requestIdOf } from './create-http-error.js';
export { describeValue } from './describe-value.js';
export { ErrorCode, type HttpErrorCode } from './error-codes.js';
export { errorFromResponse } from './error-from-response.js';
export {
  type ErrorGuard,
  isAbortError,
  isAuthenticationError,
  isConfigurationError,
  isHttpError,
  isNetworkError,
  isNotFoundError,
  isOAuthError,
  isPaginationError,
  isPermissionError,
  isRateLimitError,
  isRedirectError,
  isResponseFormatError,
  isResponseTooLargeError,
  isServerError,
  isSignatureError,
  isTimeoutError,
} from './error-guards.js';
export { HttpError, type HttpErrorOptions, type HttpStatusErrorOptions } from './http-error.js';
export { checkKnownKeys, closestName } from './known-keys.js';
export { NetworkError } from './network-error.js';
export { NotFoundError } from './not-found-error.js';
export { OAuthError, type OAuthErrorOptions } from './oauth-error.js';
export type { PageCheckpoint } from './page-checkpoint.js';
export { PaginationError, type PaginationErrorOptions } from './pagination-error.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { PermissionError } from './permission-error.js';
export { RateLimitError, type RateLimitErrorOptions } from './rate-limit-error.js';
export {
  type HeadersLike,
  isSensitiveName,
  redactBody,
  redactHeaders,
  redactText,
  redactUrl,
} from './redact.js';
export { RedirectError, type RedirectErrorOptions } from './redirect-error.js';
export type { RequestErrorOptions } from './request-error-options.js';
export { ResponseFormatError, type ResponseFormatErrorOptions } from './response-format-error.js';
export {
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './response-too-large-error.js';
export { isRetryableStatus } from './retryable-status.js';
export { Secret } from './secret.js';
export { revealSecretOption } from './secret-option.js';
export { SecretScrubber } from './secret-scrubber.js';
export { ServerError } from './server-error.js';
export { SignatureError, type SignatureErrorOptions, SignatureFailureReason } from './signature-error.js';
export { TimeoutError, type TimeoutErrorOptions } from './timeout-error.js';
