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
  /** The server asked to wait (`429` with `Retry-After`): no new page is requested until then. */
  readonly rateLimited: (waitMs: number) => void;
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
  readonly #events: PageFetchEvents = { rateLimited: (waitMs) => this.#pause(waitMs) };
  readonly #abortActive = (): void => {
    for (const controller of this.#active) controller.abort(this.#options.signal?.reason);
  };
  #next: number;
  #last: number;
  #inFlight = 0;
  #pausedUntil = 0;
  #resumeTimer: ReturnType<typeof setTimeout> | undefined;
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
      this.#options.now() >= this.#pausedUntil
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
    clearTimeout(this.#resumeTimer);
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
    const wait = this.#pausedUntil - this.#options.now();
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
    const fetching = wait > 0 ? abortableDelay(wait, controller.signal).then(fetchPage) : fetchPage();
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

  #pause(waitMs: number): void {
    if (this.#closed) return;
    const until = this.#options.now() + waitMs;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    clearTimeout(this.#resumeTimer);
    // Timers may fire a fraction of a millisecond before the clock says the wait is over.
    this.#resumeTimer = setTimeout(() => {
      this.#pausedUntil = 0;
      this.fill();
    }, waitMs);
  }
}

/** Resolves after `milliseconds`, or rejects at once when `signal` fires (and clears its timer). */
function abortableDelay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
