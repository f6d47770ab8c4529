import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { redactUrl } from './redact.js';

/** What {@link ResponseTooLargeError} needs to know of the answer it stopped. */
export interface ResponseTooLargeErrorOptions {
  /** The limit, in bytes of the decompressed body. */
  readonly limit: number;
  /**
  The option that sets the limit; undefined for a fixed one.
  @example 'maxResponseBytes'
  */
  readonly option?: string | undefined;
  readonly status?: number | undefined;
  readonly method?: string | undefined;
  readonly url?: string | URL | undefined;
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
A response body grew past its byte limit (counted after decompression): the read stopped there and
the rest of the stream was cancelled, so an endless or hostile answer cannot exhaust memory. Not
retryable: the same request would get the same answer.

@example
```
if (isResponseTooLargeError(error)) {
	console.error(`over ${error.limit} bytes; raise ${error.option}`);
}
```
*/
export class ResponseTooLargeError extends BridgekitError {
  static override readonly kind: string = 'ResponseTooLargeError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.ResponseTooLarge;
  /** The limit in bytes. */
  readonly limit: number;
  /** The option that sets the limit; undefined for a fixed one. */
  readonly option: string | undefined;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(options: ResponseTooLargeErrorOptions) {
    const url = options.url === undefined ? undefined : redactUrl(options.url);
    const to = options.method && url ? ` to ${options.method.toUpperCase()} ${url}` : '';
    const fix =
      options.option === undefined
        ? 'a fixed limit no genuine answer comes near: check that the URL is the real endpoint'
        : `raise \`${options.option}\` if the API really sends answers this large`;
    super(
      `The response${to} exceeded ${describeBytes(options.limit)} and was not read further; ${fix}`,
      ErrorCode.ResponseTooLarge,
    );
    this.limit = options.limit;
    this.option = options.option;
    this.status = options.status;
    this.method = options.method?.toUpperCase();
    this.url = url;
  }

  protected override serializableFields(): Record<string, unknown> {
    return {
      limit: this.limit,
      option: this.option,
      status: this.status,
      method: this.method,
      url: this.url,
    };
  }
}
