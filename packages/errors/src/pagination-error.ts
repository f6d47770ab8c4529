import { BridgekitError, isBridgekitError, markErrorClass } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';

/** Where a listing can be resumed from: pass it back as `startPage`. */
export interface PageCheckpoint {
  /** The first page that was not fully delivered. */
  readonly page: number;
}

export interface PaginationErrorOptions {
  readonly checkpoint: PageCheckpoint;
  /** Records already handed to the caller before the failure. */
  readonly itemsYielded: number;
  /** The failure itself, usually an `HttpError`, `NetworkError` or `ResponseFormatError`. */
  readonly cause: unknown;
  readonly message?: string | undefined;
}

/**
A paginated listing cannot go on: the server broke the pagination contract (it sent the same
page again, or a page that is not a list). Failures of a single page request keep their own class
(`ServerError`, `NetworkError`, ...) and carry the same `checkpoint` and `itemsYielded`. Nothing is lost: `itemsYielded` records were delivered, and
`paginate(path, {startPage: error.checkpoint.page})` continues with the next record, without gaps
or duplicates. The failure itself is `cause`; `retryable` is copied from it.
*/
export class PaginationError extends BridgekitError {
  static override readonly kind: string = 'PaginationError';

  static {
    markErrorClass(this);
  }

  override name = 'PaginationError';
  override readonly checkpoint: PageCheckpoint;
  override readonly itemsYielded: number;

  constructor(options: PaginationErrorOptions) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      options.message ??
        `Listing stopped at page ${options.checkpoint.page} after ${options.itemsYielded} records${reason}. Resume with \`startPage: ${options.checkpoint.page}\``,
      ErrorCode.Pagination,
      { cause: options.cause, retryable: isBridgekitError(options.cause) && options.cause.retryable },
    );
    this.checkpoint = options.checkpoint;
    this.itemsYielded = options.itemsYielded;
  }
}
