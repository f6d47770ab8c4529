import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { redactUrl } from './redact.js';

/** What a {@link ResponseFormatError} names: the exchange and what is wrong with its body. */
export interface ResponseFormatErrorOptions {
  /** The field that is missing or wrong, as a path (`data`, `expires_in`); omit when the whole body is wrong. */
  readonly field?: string | undefined;
  /** What the API documents for it: `a JSON object`, `a positive number`, ... */
  readonly expected: string;
  /** What arrived, described without its value: `a string`, `an HTML page`, `nothing`. */
  readonly received?: string | undefined;
  readonly status?: number | undefined;
  readonly method?: string | undefined;
  readonly url?: string | URL | undefined;
  readonly cause?: unknown;
}

/**
The server answered, but not with what the API documents: not JSON, a missing or mistyped field.
The message names the field and what was expected; it never contains the body's values.
*/
export class ResponseFormatError extends BridgekitError {
  static override readonly kind: string = 'ResponseFormatError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.ResponseFormat;
  readonly field: string | undefined;
  readonly expected: string;
  readonly received: string | undefined;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(options: ResponseFormatErrorOptions) {
    const subject = options.field === undefined ? 'response body' : `field \`${options.field}\``;
    const received = options.received === undefined ? '' : `, received ${options.received}`;
    const url = options.url === undefined ? undefined : redactUrl(options.url);
    const where = options.method && url ? ` from ${options.method.toUpperCase()} ${url}` : '';
    super(
      `Unexpected ${subject}${where}: expected ${options.expected}${received}`,
      ErrorCode.ResponseFormat,
      {
        cause: options.cause,
      },
    );
    this.field = options.field;
    this.expected = options.expected;
    this.received = options.received;
    this.status = options.status;
    this.method = options.method?.toUpperCase();
    this.url = url;
  }

  protected override serializableFields(): Record<string, unknown> {
    return {
      field: this.field,
      expected: this.expected,
      received: this.received,
      status: this.status,
      method: this.method,
      url: this.url,
    };
  }
}
