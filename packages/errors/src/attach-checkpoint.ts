import type { BridgekitError } from './bridgekit-error.js';
import type { PageCheckpoint } from './page-checkpoint.js';

/**
Records on `error` how far a paginated listing got, and, when the failure is retryable, says in
its message how to resume. Used by
paginating clients so that the thrown error keeps its own class (an `AuthenticationError` stays
one) while carrying the resume point. The fields are set once: an error that already carries a
checkpoint is returned as it is.

@example
```
throw attachCheckpoint(error, {page: 3}, 100);
// error.checkpoint => {page: 3}, error.itemsYielded => 100
```
*/
export function attachCheckpoint<T extends BridgekitError>(
  error: T,
  checkpoint: PageCheckpoint,
  itemsYielded: number,
): T {
  if (error.checkpoint !== undefined) return error;
  defineCheckpoint(error, checkpoint, itemsYielded);
  // A resume hint helps where trying again may succeed; for a refused key or a bad option it is noise.
  if (error.retryable) {
    error.message = `${error.message} (listing stopped at page ${checkpoint.page} after ${itemsYielded} records; resume with \`${resumeOptions(checkpoint)}\`)`;
  }
  return error;
}

/** @internal The listing options that resume from `checkpoint`, as a message shows them. */
export function resumeOptions(checkpoint: PageCheckpoint): string {
  const pageSize = checkpoint.pageSize === undefined ? '' : `, pageSize: ${checkpoint.pageSize}`;
  return `startPage: ${checkpoint.page}${pageSize}`;
}

/** @internal Sets the listing fields once, read-only, and only on errors that have them. */
export function defineCheckpoint(
  error: BridgekitError,
  checkpoint: PageCheckpoint,
  itemsYielded: number,
): void {
  Object.defineProperty(error, 'checkpoint', { value: checkpoint, enumerable: true });
  Object.defineProperty(error, 'itemsYielded', { value: itemsYielded, enumerable: true });
}
