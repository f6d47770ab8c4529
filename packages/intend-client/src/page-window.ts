import type { RawPage } from './page-shape.js';
import type { PageSizeRule, PageVerdict } from './page-size.js';

/** @internal How many pages may be in flight and held: the listing's scheduling rule. */
export interface PageWindowOptions {
  readonly concurrency: number;
  readonly prefetch: number;
  /** The listing's end-of-list rule, which learns the page size as pages arrive. */
  readonly rule: PageSizeRule;
}

/**
@internal The slow start of a listing whose end is unknown. Intend documents no pagination
metadata (a page shorter than the page size is the last), so every page past the first is a
guess: the first page goes alone, and from then on the pages in flight never outnumber the full
pages received so far, up to `concurrency` (1, 1, 2, 3, 4, ... as TCP's slow start grows by one
per acknowledgement). A short page whose size is not known yet counts as no full page: the page
after it goes alone too, to confirm it. A listing of `n` pages costs at most `n + concurrency - 1`
requests, and exactly `n` with `concurrency: 1`. Once the server has sent `last_page`, the end is
known and `concurrency` pages go in parallel.
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
  Learns from a page that arrived. Server metadata, when sent, is the authority on the end; the
  page size rule is asked either way, so that it learns the size and sees a list that moves.
  */
  received(number: number, page: RawPage<unknown>): PageVerdict {
    if (page.lastPage !== undefined) this.#endKnown = true;
    const verdict = this.#options.rule.classify(number, page.items.length);
    const hasMetadata = page.hasNext !== undefined || page.lastPage !== undefined;
    const isLast =
      page.items.length === 0 ||
      (hasMetadata
        ? page.hasNext === false || (page.lastPage !== undefined && number >= page.lastPage)
        : verdict === 'last');
    if (isLast) return 'last';
    if (hasMetadata || verdict === 'full') this.#fullPages += 1;
    return hasMetadata ? 'full' : verdict;
  }
}
