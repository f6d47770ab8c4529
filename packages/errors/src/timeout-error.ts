import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { redactUrl } from './redact.js';
import { describeRequest, type RequestErrorOptions } from './request-error-options.js';

export interface TimeoutErrorOptions extends RequestErrorOptions {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;
}

/** The server did not answer within the configured `timeout`. Retryable. */
export class TimeoutError extends BridgekitError {
  static override readonly kind: string = 'TimeoutError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Timeout;
  readonly timeout: number;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(options: TimeoutErrorOptions) {
    super(
      `No response within ${options.timeout} ms${describeRequest(options)}; raise the \`timeout\` option if the server is slow`,
      ErrorCode.Timeout,
      { cause: options.cause, retryable: true },
    );
    this.timeout = options.timeout;
    this.method = options.method?.toUpperCase();
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
  }

  protected override serializableFields(): Record<string, unknown> {
    return { timeout: this.timeout, method: this.method, url: this.url };
  }
}
