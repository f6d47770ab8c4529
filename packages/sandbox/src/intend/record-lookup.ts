import type { Context } from 'hono';
import { intendEnvelope } from './intend-envelope.js';
import type { Paginate } from './pagination.js';

type IntendRecord = Readonly<Record<string, unknown>>;

/** @internal The record whose `id` is the one a query parameter names (compared as text). */
export function findById<T extends IntendRecord>(records: readonly T[], id: string): T | undefined {
  return records.find((record) => String(record['id']) === id);
}

/** @internal The envelope's 404 for an id that names no record. */
export function recordNotFound(noun: string, id: string): Response {
  return intendEnvelope(404, null, `${noun} ${id} not found`);
}

/** @internal What a listing endpoint answers from. */
export interface Listing<T extends IntendRecord> {
  /** The id parameter's value, when the request names one record. */
  readonly id: string | undefined;
  /** How a 404 names the record, e.g. `Client`. */
  readonly noun: string;
  readonly records: readonly T[];
  /** The request's filters. */
  readonly matches: (record: T) => boolean;
}

/**
@internal Answers a listing endpoint: the one record the id parameter names (404 when none), else a
page of the records that match the filters.
*/
export function oneOrPage<T extends IntendRecord>(
  context: Context,
  paginate: Paginate,
  listing: Listing<T>,
): Response {
  if (listing.id !== undefined) {
    const record = findById(listing.records, listing.id);
    return record ? intendEnvelope(200, record) : recordNotFound(listing.noun, listing.id);
  }
  return paginate(context, listing.records.filter(listing.matches));
}
