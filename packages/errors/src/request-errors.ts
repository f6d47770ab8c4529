import { BridgekitError, markErrorClass } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { redactUrl } from './redact.js';

export interface RequestErrorOptions {
  /** The request method. */
  readonly method?: string | undefined;
  /** The request URL. It is stored redacted. */
  readonly url?: string | URL | undefined;
  readonly cause?: unknown;
}

function where(options: RequestErrorOptions): string {
  return options.method && options.url ? ` (${options.method.toUpperCase()} ${redactUrl(options.url)})` : '';
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS. Retryable. */
export class NetworkError extends BridgekitError {
  static override readonly kind: string = 'NetworkError';

  static {
    markErrorClass(this);
  }

  override name = 'NetworkError';
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(message: string, options: RequestErrorOptions = {}) {
    super(`${message}${where(options)}`, ErrorCode.Network, { cause: options.cause, retryable: true });
    this.method = options.method?.toUpperCase();
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
  }

  protected override serializableFields(): Record<string, unknown> {
    return { method: this.method, url: this.url };
  }
}

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

  override name = 'TimeoutError';
  readonly timeout: number;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(options: TimeoutErrorOptions) {
    super(
      `No response within ${options.timeout} ms${where(options)}; raise the \`timeout\` option if the server is slow`,
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

/** The caller cancelled (its `AbortSignal` fired). Not retryable: nobody is waiting any more. */
export class AbortError extends BridgekitError {
  static override readonly kind: string = 'AbortError';

  static {
    markErrorClass(this);
  }

  override name = 'AbortError';

  constructor(
    message = 'The operation was aborted by the caller',
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, ErrorCode.Abort, { cause: options.cause, retryable: false });
  }
}
