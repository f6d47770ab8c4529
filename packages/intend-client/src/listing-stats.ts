import type { PageSizeRule } from './page-size.js';

/** What a listing counted so far: `list.stats`, live during the listing and after it. */
export interface ListStats {
  /** Page requests sent, speculative and `verify` ones included. */
  readonly requests: number;
  /** Pages handed to the caller. */
  readonly pages: number;
  /** Records handed to the caller (duplicates dropped). */
  readonly items: number;
  /** The page size: the one given, or the one learned; undefined while unknown (a list shorter than one page). */
  readonly pageSize: number | undefined;
  /** Records dropped because their id had been seen earlier in the listing. */
  readonly duplicates: number;
  /**
  Whether the listing saw evidence that the list moved while it was read: a duplicate, a page
  longer than the page size, records past the page that ended it, or (with `verify`) a page that
  reads differently at the end.
  */
  readonly changed: boolean;
}

/** @internal The counters of one listing; the paginator is their one writer. */
export class ListingStats {
  readonly #rule: PageSizeRule;
  #requests = 0;
  #pages = 0;
  #items = 0;
  #duplicates = 0;
  #verifyDiffered = false;

  constructor(rule: PageSizeRule) {
    this.#rule = rule;
  }

  request(): void {
    this.#requests += 1;
  }

  page(items: number): void {
    this.#pages += 1;
    this.#items += items;
  }

  duplicates(count: number): void {
    this.#duplicates += count;
  }

  verifyDiffered(): void {
    this.#verifyDiffered = true;
  }

  /** Why the list counts as changed, for an error's message; undefined while it does not. */
  get changeReason(): string | undefined {
    if (this.#duplicates > 0) return `${this.#duplicates} record(s) appeared twice`;
    if (this.#rule.changed) return 'pages moved (a page longer than the page size, or records past the end)';
    return this.#verifyDiffered ? 'a page read differently at the end (verify)' : undefined;
  }

  snapshot(): ListStats {
    return {
      requests: this.#requests,
      pages: this.#pages,
      items: this.#items,
      pageSize: this.#rule.known,
      duplicates: this.#duplicates,
      changed: this.changeReason !== undefined,
    };
  }
}
