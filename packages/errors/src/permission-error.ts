import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpStatusErrorOptions } from './http-error.js';

/** 403: the credentials are valid but not allowed to do this (scope, allow-list, role). */
export class PermissionError extends HttpError {
  static override readonly kind: string = 'PermissionError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Permission;

  constructor(options: HttpStatusErrorOptions) {
    super({ ...options, status: options.status ?? 403 }, ErrorCode.Permission);
  }
}
