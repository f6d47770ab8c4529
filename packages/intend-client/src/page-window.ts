import type { RawPage } from './page-shape.js';

/** @internal How many pages may be in flight and held: the listing's scheduling rule. */
export interface PageWindowOptions {
  readonly concurrency: number;
  readonly prefetch: number;
  readonly pageSize: number;
}

/**
@internal The slow start of a listing whose end is unknown. Intend documents no pagination
metadata (a page of fewer than `pageSize` records is the last), so every page past the first is a
guess: the first page goes alone, and from then on the pages in flight never outnumber the full
pages received so far, up to `concurrency` (1, 1, 2, 3, 4, ... as TCP's slow start grows by one
per acknowledgement). A listing of `n` pages costs at most `n + concurrency - 1` requests, and
exactly `n` with `concurrency: 1`. Once the server has sent `last_page`, the end is known and
`concurrency` pages go in parallel.
*/
export class PageWindow {
  readonly #options: PageWindowOptions;
  #fullPages = 0;
  #endKnown = false;

  constructor(options: PageWindowOptions) {
    this.#options = options;
  }

  /** Pages that may be in flight at once now. */
  get inFlight(): number {
    const { concurrency } = this.#options;
    return this.#endKnown ? concurrency : Math.min(concurrency, Math.max(1, this.#fullPages));
  }

  /** Pages that may be held at once (in flight, or received and not yet handed out). */
  get held(): number {
    return this.inFlight + this.#options.prefetch;
  }

  /**
  Learns from a page that arrived; returns whether it may be the last (a short or empty page, or
  metadata that says so), so that nothing past it is requested.
  */
  received(number: number, page: RawPage<unknown>): boolean {
    if (page.lastPage !== undefined) this.#endKnown = true;
    const hasMetadata = page.hasNext !== undefined || page.lastPage !== undefined;
    const isLast =
      page.items.length === 0 ||
      (hasMetadata
        ? page.hasNext === false || (page.lastPage !== undefined && number >= page.lastPage)
        : page.items.length < this.#options.pageSize);
    if (!isLast) this.#fullPages += 1;
    return isLast;
  }
}
