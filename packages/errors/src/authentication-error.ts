import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpStatusErrorOptions } from './http-error.js';

/** 401: the credentials are missing, wrong, or expired. Check the API key, secret or token. */
export class AuthenticationError extends HttpError {
  static override readonly kind: string = 'AuthenticationError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Authentication;

  constructor(options: HttpStatusErrorOptions) {
    super({ ...options, status: options.status ?? 401 }, ErrorCode.Authentication);
  }
}
