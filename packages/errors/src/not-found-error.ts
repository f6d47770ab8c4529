import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpStatusErrorOptions } from './http-error.js';

/** 404: no such endpoint or record. */
export class NotFoundError extends HttpError {
  static override readonly kind: string = 'NotFoundError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.NotFound;

  constructor(options: HttpStatusErrorOptions) {
    super({ ...options, status: options.status ?? 404 }, ErrorCode.NotFound);
  }
}
