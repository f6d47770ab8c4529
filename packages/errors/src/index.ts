export {
  attachCheckpoint,
  BridgekitError,
  type BridgekitErrorOptions,
  isBridgekitError,
  type SerializedError,
} from './bridgekit-error.js';
export { ConfigurationError, type ConfigurationErrorOptions } from './configuration-error.js';
export { ErrorCode } from './error-codes.js';
export {
  createHttpError,
  errorFromResponse,
  type HttpErrorInput,
  isIntendFailureEnvelope,
  parseRetryAfter,
} from './error-from-response.js';
export {
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
  isResponseFormatError,
  isServerError,
  isSignatureError,
  isTimeoutError,
} from './error-guards.js';
export {
  AuthenticationError,
  HttpError,
  type HttpErrorOptions,
  NotFoundError,
  OAuthError,
  type OAuthErrorOptions,
  PermissionError,
  RateLimitError,
  type RateLimitErrorOptions,
  ServerError,
} from './http-error.js';
export { type PageCheckpoint, PaginationError, type PaginationErrorOptions } from './pagination-error.js';
export {
  type HeadersLike,
  isSensitiveName,
  redactBody,
  redactHeaders,
  redactText,
  redactUrl,
} from './redact.js';
export {
  AbortError,
  NetworkError,
  type RequestErrorOptions,
  TimeoutError,
  type TimeoutErrorOptions,
} from './request-errors.js';
export {
  describeValue,
  ResponseFormatError,
  type ResponseFormatErrorOptions,
} from './response-format-error.js';
export { Secret } from './secret.js';
export { SignatureError, type SignatureErrorOptions, SignatureFailureReason } from './signature-error.js';
export { type FailedCallContext, toBridgekitError } from './to-bridgekit-error.js';
