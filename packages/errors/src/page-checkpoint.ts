/** Where a listing can be resumed from: pass it back as `startPage`. */
export interface PageCheckpoint {
  /** The first page that was not fully delivered. */
  readonly page: number;
}
