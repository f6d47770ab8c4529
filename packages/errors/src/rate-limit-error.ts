import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError, type HttpStatusErrorOptions } from './http-error.js';

export interface RateLimitErrorOptions extends HttpStatusErrorOptions {
  /** How long the server asked to wait, in milliseconds (from `Retry-After`). */
  readonly retryAfter?: number | undefined;
}

/** 429: too many requests. Wait `retryAfter` milliseconds (when the server said) and try again. */
export class RateLimitError extends HttpError {
  static override readonly kind: string = 'RateLimitError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.RateLimit;
  /** Milliseconds the server asked to wait, from `Retry-After`; undefined when it did not say. */
  readonly retryAfter: number | undefined;

  constructor(options: RateLimitErrorOptions) {
    super({ ...options, status: options.status ?? 429 }, ErrorCode.RateLimit);
    this.retryAfter = options.retryAfter;
  }

  protected override serializableFields(): Record<string, unknown> {
    return { ...super.serializableFields(), retryAfter: this.retryAfter };
  }
}
