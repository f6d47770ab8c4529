import { defineCheckpoint, resumeOptions } from './attach-checkpoint.js';
import { BridgekitError, isBridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import type { PageCheckpoint } from './page-checkpoint.js';

/** What a {@link PaginationError} reports: how far the listing got and where to resume. */
export interface PaginationErrorOptions {
  readonly checkpoint: PageCheckpoint;
  /** Records already handed to the caller before the failure. */
  readonly itemsYielded: number;
  /** The failure itself, usually an `HttpError`, `NetworkError` or `ResponseFormatError`. */
  readonly cause: unknown;
  readonly message?: string | undefined;
  /**
  `ErrorCode.ListChanged` when the listing stopped because the list moved under it (`onChange:
  'throw'`) rather than because the server broke the contract.
  @default ErrorCode.Pagination
  */
  readonly code?: typeof ErrorCode.Pagination | typeof ErrorCode.ListChanged;
}

/**
A paginated listing cannot go on: the server broke the pagination contract (it sent the same
page again, or a page that is not a list), or the list changed while it was read and the caller
asked to stop then (`code` is `ErrorCode.ListChanged`). Failures of a single page request keep their own class
(`ServerError`, `NetworkError`, ...) and carry the same `checkpoint` and `itemsYielded`. Nothing
is lost: `itemsYielded` records were delivered, and
`paginate(path, {startPage: error.checkpoint.page})` continues with the next record, without gaps
or duplicates. The failure itself is `cause`; `retryable` is copied from it.
*/
export class PaginationError extends BridgekitError {
  static override readonly kind: string = 'PaginationError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Pagination | typeof ErrorCode.ListChanged;
  declare readonly checkpoint: PageCheckpoint;
  declare readonly itemsYielded: number;

  constructor(options: PaginationErrorOptions) {
    const { page } = options.checkpoint;
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      options.message ??
        `Listing stopped at page ${page} after ${options.itemsYielded} records${reason}. Resume with \`${resumeOptions(options.checkpoint)}\``,
      options.code ?? ErrorCode.Pagination,
      { cause: options.cause, retryable: isBridgekitError(options.cause) && options.cause.retryable },
    );
    defineCheckpoint(this, options.checkpoint, options.itemsYielded);
  }
}
