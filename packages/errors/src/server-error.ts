import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpErrorOptions } from './http-error.js';

/** 5xx: the server failed. Retryable, except 501 and 505, which fail the same way every time. */
export class ServerError extends HttpError {
  static override readonly kind: string = 'ServerError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Server;

  constructor(options: HttpErrorOptions) {
    super(options, ErrorCode.Server);
  }
}
