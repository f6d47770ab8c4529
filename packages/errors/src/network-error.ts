import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { redactUrl } from './redact.js';
import { describeRequest, type RequestErrorOptions } from './request-error-options.js';

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS. Retryable. */
export class NetworkError extends BridgekitError {
  static override readonly kind: string = 'NetworkError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Network;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(message: string, options: RequestErrorOptions = {}) {
    super(`${message}${describeRequest(options)}`, ErrorCode.Network, {
      cause: options.cause,
      retryable: true,
    });
    this.method = options.method?.toUpperCase();
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
  }

  protected override serializableFields(): Record<string, unknown> {
    return { method: this.method, url: this.url };
  }
}
