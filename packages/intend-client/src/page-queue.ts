import type { RawPage } from './page-shape.js';

/** Fetches one page; the paginator owns scheduling, ordering and cancellation. */
export type PageFetcher<T> = (page: number, signal: AbortSignal) => Promise<RawPage<T>>;

/** A page requested and not yet handed to the caller. */
export interface PendingPage<T> {
  readonly number: number;
  readonly controller: AbortController;
  readonly result: Promise<{ readonly page: RawPage<T>; readonly elapsedMs: number }>;
}

/**
@internal The pages in flight of one listing, in page order: it requests pages up to a size and
a last page, and cancels them. One listener on the caller's signal for the whole listing is fanned
out to the pages in flight: `AbortSignal.any` per page would tie every page's signal to a
long-lived caller signal.
*/
export class PageQueue<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #now: () => number;
  readonly #signal: AbortSignal | undefined;
  readonly #pending: PendingPage<T>[] = [];
  readonly #active = new Set<AbortController>();
  readonly #abortActive = (): void => {
    for (const controller of this.#active) controller.abort(this.#signal?.reason);
  };
  #next: number;
  #last: number;

  constructor(
    fetchPage: PageFetcher<T>,
    range: { readonly first: number; readonly last: number },
    now: () => number,
    signal: AbortSignal | undefined,
  ) {
    this.#fetchPage = fetchPage;
    this.#now = now;
    this.#signal = signal;
    this.#next = range.first;
    this.#last = range.last;
    signal?.addEventListener('abort', this.#abortActive, { once: true });
  }

  /** Pages waiting to be handed out. */
  get size(): number {
    return this.#pending.length;
  }

  /** No page past `page` is requested from now on (the server said it is the last). */
  endAt(page: number): void {
    this.#last = Math.min(this.#last, page);
  }

  /** Requests the next pages until `size` are pending (or the last page is reached). */
  fill(size: number): void {
    while (this.#pending.length < size && this.#next <= this.#last) this.#request(this.#next++);
  }

  /** The next page in order, if any is pending. */
  shift(): PendingPage<T> | undefined {
    return this.#pending.shift();
  }

  /** Cancels every pending page: they lie past the end, or nobody waits for them any more. */
  cancelPending(): void {
    for (const pending of this.#pending.splice(0)) pending.controller.abort();
  }

  /** Reached on completion, on error, and when the caller `break`s out of `for await`. */
  close(): void {
    this.#signal?.removeEventListener('abort', this.#abortActive);
    this.cancelPending();
  }

  #request(number: number): void {
    const controller = new AbortController();
    const started = this.#now();
    this.#active.add(controller);
    const result = this.#fetchPage(number, controller.signal)
      .then((page) => ({ page, elapsedMs: this.#now() - started }))
      .finally(() => this.#active.delete(controller));
    // Errors surface when the page's turn comes; a page abandoned before then must not be an unhandled rejection.
    result.catch(() => undefined);
    this.#pending.push({ number, controller, result });
  }
}
