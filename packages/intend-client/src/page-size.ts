/** What one page says about the listing: the last, a full page, or a short page still unconfirmed. */
export type PageVerdict = 'last' | 'full' | 'unconfirmed';

/** The most records the vendor's guide says a page holds ("a maximum of 50 records per request"). */
export const vendorPageSize = 50;

/**
@internal The end-of-list rule of a listing without server metadata, and the page size it learns.

Intend pages by *at most* 50: a tenant may page by fewer, and a short page is the last only once the
page size is known. With `'auto'`, a page of 50 (or more) makes the size known at once; a shorter
page is unconfirmed until the next one answers: empty (the list was that short), or non-empty (the
short page was full, and its length is the size). Once the size is known, a shorter page ends the
listing. With a number, the size is known from the start (the rule before `'auto'`).

It also keeps the evidence that the list moved while it was read, which it sees for free: a page
longer than the learned size, and a page past the end that still held records.
*/
export class PageSizeRule {
  readonly #ceiling: number;
  #known: number | undefined;
  /** An unconfirmed short page: its number and length. */
  #candidate: { readonly page: number; readonly size: number } | undefined;
  #changed = false;
  #end = Number.POSITIVE_INFINITY;
  #furthestNonEmpty = 0;

  constructor(pageSize: number | 'auto') {
    this.#ceiling = pageSize === 'auto' ? vendorPageSize : pageSize;
    this.#known = pageSize === 'auto' ? undefined : pageSize;
  }

  /** The page size, once known. */
  get known(): number | undefined {
    return this.#known;
  }

  /** The most records a page may hold, for estimates of how many pages a count of records needs. */
  get estimate(): number {
    return this.#known ?? this.#ceiling;
  }

  /** Whether a page seen so far says the list changed while it was read. */
  get changed(): boolean {
    return this.#changed;
  }

  /**
  Classifies page `number` of `count` records. Called as pages arrive: in page order while the
  size is unknown (one page is in flight then), in any order once it is known.
  */
  classify(number: number, count: number): PageVerdict {
    if (count > 0) {
      this.#furthestNonEmpty = Math.max(this.#furthestNonEmpty, number);
      // A page past one that ended the listing still held records: the list moved under us.
      if (number > this.#end) this.#changed = true;
    }
    if (count === 0) return this.#last(number);
    if (this.#known === undefined) {
      const candidate = this.#candidate;
      // The page after a short one that was not the last: that one was full, so its length is the size.
      if (candidate !== undefined && number === candidate.page + 1) this.#known = candidate.size;
      else if (count >= this.#ceiling) this.#known = count;
      else {
        this.#candidate = { page: number, size: count };
        return 'unconfirmed';
      }
    }
    if (count > this.#known) {
      this.#changed = true;
      return 'full';
    }
    return count < this.#known ? this.#last(number) : 'full';
  }

  #last(number: number): PageVerdict {
    if (this.#furthestNonEmpty > number) this.#changed = true;
    this.#end = Math.min(this.#end, number);
    return 'last';
  }
}
