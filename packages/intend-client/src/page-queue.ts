import type { RawPage } from './page-shape.js';
import type { PageWindow } from './page-window.js';

/** Fetches one page; the paginator owns scheduling, ordering and cancellation. */
export type PageFetcher<T> = (
  page: number,
  signal: AbortSignal,
  events?: PageFetchEvents,
) => Promise<RawPage<T>>;

/** What a page fetcher may tell the paginator while a page is on its way. */
export interface PageFetchEvents {
  /** The server answered `429` and ky waits before retrying: no new page is requested meanwhile. */
  readonly paused: () => void;
  /** That wait is over (the retry goes out, or the page settled). */
  readonly resumed: () => void;
}

/** A page requested and not yet handed to the caller. */
export interface PendingPage<T> {
  readonly number: number;
  readonly controller: AbortController;
  /** The page, how long it took, and whether it ended the listing (as the window judged it on arrival). */
  readonly result: Promise<{ readonly page: RawPage<T>; readonly elapsedMs: number; readonly last: boolean }>;
}

/** @internal What a queue needs besides its fetcher. */
export interface PageQueueOptions {
  /** The first page and the last one the listing may request (`maxPages`). */
  readonly first: number;
  readonly last: number;
  readonly window: PageWindow;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  /** Told of every page request sent, for the listing's counters. */
  readonly onRequest: () => void;
}

/**
@internal The pages of one listing that are in flight or waiting to be handed out, in page order.
It requests pages as soon as the window allows (on every arrival, not only when the caller asks),
stops at the first page that may be the last and cancels everything past it, and pauses while the
server asked to wait. One listener on the caller's signal is fanned out to the pages in flight:
`AbortSignal.any` per page would tie every page's signal to a long-lived caller signal.
*/
export class PageQueue<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #options: PageQueueOptions;
  readonly #pending: PendingPage<T>[] = [];
  readonly #active = new Set<AbortController>();
  readonly #events: PageFetchEvents = { paused: () => this.#pause(), resumed: () => this.#resume() };
  readonly #abortActive = (): void => {
    for (const controller of this.#active) controller.abort(this.#options.signal?.reason);
  };
  #next: number;
  #last: number;
  #inFlight = 0;
  /** Pages waiting out a `429`, as long as ky waits (its own reading of `Retry-After`). */
  #pauses = 0;
  #whenResumed: { readonly promise: Promise<void>; readonly resolve: () => void } | undefined;
  #closed = false;

  constructor(fetchPage: PageFetcher<T>, options: PageQueueOptions) {
    this.#fetchPage = fetchPage;
    this.#options = options;
    this.#next = options.first;
    this.#last = options.last;
    options.signal?.addEventListener('abort', this.#abortActive, { once: true });
  }

  /** The next page in order; undefined once nothing is pending and nothing may be requested. */
  shift(): PendingPage<T> | undefined {
    this.fill();
    // The caller waits for this page whatever the window says: request it, after any pause.
    const open = !this.#closed && this.#options.signal?.aborted !== true;
    if (this.#pending.length === 0 && open && this.#next <= this.#last) this.#request(this.#next++);
    const head = this.#pending.shift();
    if (head !== undefined) this.fill();
    return head;
  }

  /** Requests pages while the window allows. */
  fill(): void {
    const { window } = this.#options;
    while (
      !this.#closed &&
      this.#options.signal?.aborted !== true &&
      this.#next <= this.#last &&
      this.#inFlight < window.inFlight &&
      this.#pending.length < window.held &&
      this.#pauses === 0
    ) {
      this.#request(this.#next++);
    }
  }

  /** No page past `page` is requested, and any pending one past it is cancelled. */
  endAt(page: number): void {
    if (page >= this.#last) return;
    this.#last = page;
    this.#next = Math.min(this.#next, page + 1);
    for (let index = this.#pending.length - 1; index >= 0; index -= 1) {
      const pending = this.#pending[index];
      if (pending === undefined || pending.number <= page) break;
      pending.controller.abort();
      this.#pending.splice(index, 1);
    }
  }

  /** Lets the listing request pages up to `page` after all (records ran short of `pageSize`). */
  allowUpTo(page: number): void {
    this.#last = Math.max(this.#last, page);
  }

  /** Reached on completion, on error, and when the caller `break`s out of `for await`. */
  close(): void {
    this.#closed = true;
    this.#whenResumed?.resolve();
    this.#options.signal?.removeEventListener('abort', this.#abortActive);
    this.#pending.splice(0);
    // Every page still on its way, the one the caller was waiting for included.
    for (const controller of this.#active) controller.abort();
  }

  #request(number: number): void {
    const controller = new AbortController();
    const started = this.#options.now();
    this.#active.add(controller);
    this.#inFlight += 1;
    const fetchPage = (): Promise<RawPage<T>> => {
      // A fetcher that throws instead of rejecting still fails only its own page.
      try {
        this.#options.onRequest();
        return this.#fetchPage(number, controller.signal, this.#events);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    // Requested during a pause (the caller waits for this page): sent once the wait is over, or
    // never, when the listing is cancelled meanwhile.
    const fetching =
      this.#pauses > 0 && this.#whenResumed
        ? untilResumed(this.#whenResumed.promise, controller.signal).then(fetchPage)
        : fetchPage();
    const result = fetching.then((page) => {
      // A page that ends the listing ends the requests past it as soon as it arrives, before its turn.
      const last = this.#options.window.received(number, page) === 'last';
      if (last) this.endAt(number);
      if (page.lastPage !== undefined) this.endAt(page.lastPage);
      return { page, elapsedMs: this.#options.now() - started, last };
    });
    const settled = () => {
      this.#active.delete(controller);
      this.#inFlight -= 1;
      this.fill();
    };
    // A failed page stops new requests: the listing ends at it when its turn comes.
    result.then(settled, () => {
      this.endAt(number);
      settled();
    });
    this.#pending.push({ number, controller, result });
  }

  #pause(): void {
    if (this.#closed) return;
    this.#pauses += 1;
    if (this.#whenResumed === undefined) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      this.#whenResumed = { promise, resolve };
    }
  }

  #resume(): void {
    this.#pauses = Math.max(0, this.#pauses - 1);
    if (this.#pauses > 0) return;
    this.#whenResumed?.resolve();
    this.#whenResumed = undefined;
    this.fill();
  }
}

/** Resolves when `resumed` does, or rejects at once when `signal` fires. */
function untilResumed(resumed: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void resumed.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
