import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';

/** The caller cancelled (its `AbortSignal` fired). Not retryable: nobody is waiting any more. */
export class AbortError extends BridgekitError {
  static override readonly kind: string = 'AbortError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Abort;

  constructor(
    message = 'The operation was aborted by the caller',
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, ErrorCode.Abort, { cause: options.cause, retryable: false });
  }
}
