/**
Stable string codes, one per error class. Compare `error.code` against these instead of class
names or messages: they survive bundling, minification and duplicated package copies.

@example
```
import {ErrorCode} from '@bridgekit/errors';

if (error.code === ErrorCode.RateLimit) {
	await wait(error.retryAfter);
}
```
*/
export const ErrorCode = {
  Bridgekit: 'BRIDGEKIT_ERROR',
  Http: 'BRIDGEKIT_HTTP_ERROR',
  Authentication: 'BRIDGEKIT_AUTHENTICATION_ERROR',
  Permission: 'BRIDGEKIT_PERMISSION_ERROR',
  NotFound: 'BRIDGEKIT_NOT_FOUND_ERROR',
  RateLimit: 'BRIDGEKIT_RATE_LIMIT_ERROR',
  Server: 'BRIDGEKIT_SERVER_ERROR',
  OAuth: 'BRIDGEKIT_OAUTH_ERROR',
  Network: 'BRIDGEKIT_NETWORK_ERROR',
  Timeout: 'BRIDGEKIT_TIMEOUT_ERROR',
  Abort: 'BRIDGEKIT_ABORT_ERROR',
  ResponseFormat: 'BRIDGEKIT_RESPONSE_FORMAT_ERROR',
  Signature: 'BRIDGEKIT_SIGNATURE_ERROR',
  Configuration: 'BRIDGEKIT_CONFIGURATION_ERROR',
  Pagination: 'BRIDGEKIT_PAGINATION_ERROR',
  ListChanged: 'BRIDGEKIT_LIST_CHANGED',
  Redirect: 'BRIDGEKIT_REDIRECT_ERROR',
  ResponseTooLarge: 'BRIDGEKIT_RESPONSE_TOO_LARGE_ERROR',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes of {@link HttpError} and its subclasses. */
export type HttpErrorCode =
  | typeof ErrorCode.Http
  | typeof ErrorCode.Authentication
  | typeof ErrorCode.Permission
  | typeof ErrorCode.NotFound
  | typeof ErrorCode.RateLimit
  | typeof ErrorCode.Server
  | typeof ErrorCode.OAuth
  | typeof ErrorCode.Redirect;
