import { isBridgekitError } from '@bridgekit/errors';
import type { IntendClient, IntendClientRecord } from '@bridgekit/intend-client';
import pMap from 'p-map';
import { type ScoreIdentity, type ScreeningRow, screenClient } from './screen-client.js';

export type { ScoreIdentity, ScreeningRow } from './screen-client.js';

/** What an interrupted run leaves behind, so `--resume` can finish it without rescoring. */
export interface ScreeningCheckpoint {
  readonly version: 1;
  /** The first Intend page with a client not yet screened. */
  readonly page: number;
  readonly rows: readonly ScreeningRow[];
}

export interface ScreeningProgress {
  readonly pagesFetched: number;
  readonly screened: number;
  readonly failed: number;
  /** Clients listed so far (a lower bound on the total while listing goes on). */
  readonly listed: number;
  readonly listingDone: boolean;
}

export interface ScreeningOptions {
  readonly intend: IntendClient;
  readonly scoreIdentity: ScoreIdentity;
  readonly concurrency: number;
  /** The most rows the report may hold, resumed rows included. */
  readonly limit: number | undefined;
  readonly signal: AbortSignal;
  readonly resume: ScreeningCheckpoint | undefined;
  readonly onProgress: (progress: ScreeningProgress) => void;
}

export interface ScreeningResult {
  /** Every row, from this run and the resumed one, ordered by client id. */
  readonly rows: ScreeningRow[];
  readonly pagesFetched: number;
  /** Set when the run stopped early; `checkpoint.page` is where a resume starts listing. */
  readonly checkpoint: ScreeningCheckpoint | undefined;
  /** Why the run stopped early: an abort, or a fatal error. */
  readonly stoppedBy: unknown;
}

interface ClientToScreen {
  readonly client: IntendClientRecord;
  readonly page: number;
}

/** The rows so far and where the listing is: progress and the checkpoint are read from here. */
class ScreeningState {
  readonly rows: Map<number, ScreeningRow>;
  readonly startPage: number;
  // Clients handed to scoring but not finished, per page: the checkpoint is the lowest such page.
  readonly #unfinished = new Map<number, number>();
  #lastPageSeen: number;
  pagesFetched = 0;
  listed = 0;
  listingDone = false;
  /** Why the listing stopped early, kept here because p-map 7.1 can drop a source's error (see below). */
  listingError: unknown;
  #failed: number;

  constructor(resume: ScreeningCheckpoint | undefined) {
    this.rows = new Map(resume?.rows.map((row) => [row.clientId, row]));
    this.startPage = resume?.page ?? 1;
    this.#lastPageSeen = this.startPage - 1;
    this.#failed = [...this.rows.values()].filter((row) => row.overallBand === 'failed').length;
  }

  progress(): ScreeningProgress {
    return {
      pagesFetched: this.pagesFetched,
      screened: this.rows.size,
      failed: this.#failed,
      listed: Math.max(this.listed, this.rows.size),
      listingDone: this.listingDone,
    };
  }

  enterPage(page: number): void {
    this.#lastPageSeen = page;
  }

  handOut(page: number): void {
    this.#unfinished.set(page, (this.#unfinished.get(page) ?? 0) + 1);
  }

  record(row: ScreeningRow, page: number): void {
    this.rows.set(row.clientId, row);
    if (row.overallBand === 'failed') this.#failed += 1;
    this.#unfinished.set(page, (this.#unfinished.get(page) ?? 1) - 1);
  }

  ordered(): ScreeningRow[] {
    return [...this.rows.values()].sort((left, right) => left.clientId - right.clientId);
  }

  /** Where a resume starts: the lowest page with an unfinished client, or the listing's own resume point. */
  checkpoint(stoppedBy: unknown): ScreeningCheckpoint {
    const pending = [...this.#unfinished.entries()].filter(([, count]) => count > 0).map(([page]) => page);
    const next = this.#lastPageSeen + 1;
    const listingCheckpoint = isBridgekitError(stoppedBy) ? stoppedBy.checkpoint?.page : undefined;
    const page = Math.min(...pending, listingCheckpoint ?? next, next);
    return { version: 1, page: Math.max(page, 1), rows: this.ordered() };
  }
}

/** The clients still to screen, page by page, up to `limit` rows in all. */
async function* clientsToScreen(
  options: ScreeningOptions,
  state: ScreeningState,
  signal: AbortSignal,
): AsyncGenerator<ClientToScreen> {
  // `limit` counts the report's rows, resumed ones included: only the rest is screened now.
  let budget = (options.limit ?? Number.POSITIVE_INFINITY) - state.rows.size;
  if (budget <= 0) {
    state.listingDone = true;
    return;
  }
  const listing = options.intend.clients.list(undefined, {
    startPage: state.startPage,
    prefetch: 1,
    signal,
    onPage: ({ items }) => {
      state.pagesFetched += 1;
      state.listed += items.length;
      options.onProgress(state.progress());
    },
  });
  try {
    for await (const page of listing.pages()) {
      state.enterPage(page.number);
      for (const client of page.items) {
        if (state.rows.has(client.id)) continue;
        state.handOut(page.number);
        budget -= 1;
        yield { client, page: page.number };
        // Leaving the loop ends the listing and cancels any page fetched ahead.
        if (budget <= 0) {
          state.listingDone = true;
          return;
        }
      }
    }
  } catch (error) {
    state.listingError = error;
    throw error;
  }
  state.listingDone = true;
  options.onProgress(state.progress());
}

/**
Lists Intend clients (prefetching pages) and scores each with Ingo at bounded concurrency. A
client whose scoring fails is recorded as failed and the run goes on; an abort or a fatal error
stops it, keeping every finished row and a checkpoint to resume from.
*/
export async function runScreening(options: ScreeningOptions): Promise<ScreeningResult> {
  const state = new ScreeningState(options.resume);
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  let stoppedBy: unknown;
  try {
    await pMap(
      clientsToScreen(options, state, signal),
      async ({ client, page }) => {
        state.record(await screenClient(client, options.scoreIdentity, signal), page);
        options.onProgress(state.progress());
      },
      { concurrency: options.concurrency, signal },
    );
  } catch (error) {
    stoppedBy = error;
  }
  // With concurrency above 1, p-map 7.1.1 resolves with the rows so far when its source throws while
  // another pull is waiting, as if the listing had ended: a listing error must stop the run anyway.
  stoppedBy ??= state.listingError;
  if (stoppedBy !== undefined) controller.abort(stoppedBy);
  const { pagesFetched } = state;
  if (stoppedBy === undefined)
    return { rows: state.ordered(), pagesFetched, checkpoint: undefined, stoppedBy };
  return { rows: state.ordered(), pagesFetched, checkpoint: state.checkpoint(stoppedBy), stoppedBy };
}
