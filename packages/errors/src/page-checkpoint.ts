/** Where a listing can be resumed from: pass `page` back as `startPage` (and `pageSize` as `pageSize`). */
export interface PageCheckpoint {
  /** The first page that was not fully delivered. */
  readonly page: number;
  /**
  The page size the listing had learned or was given, when it knew one: page numbers count pages
  of this size, so a resumed listing given it needs no request to learn it again.
  */
  readonly pageSize?: number;
}
