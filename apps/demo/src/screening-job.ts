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
  /** Pages this run fetched. */
  readonly pagesFetched: number;
  /** The number of the page fetched last (a resumed run starts past 1); undefined before the first. */
  readonly lastPage: number | undefined;
  readonly screened: number;
  readonly failed: number;
  /** Clients listed so far, resumed ones included (a lower bound on the total while listing goes on). */
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
  /** Screen only these clients (the failed rows of an earlier report); the listing stops once all are seen. */
  readonly only?: ReadonlySet<number>;
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
  readonly #done: ReadonlySet<number>;
  readonly #only: ReadonlySet<number> | undefined;
  #lastPageSeen: number;
  #lastPageFetched: number | undefined;
  pagesFetched = 0;
  #listed: number;
  listingDone = false;
  /** Why the listing stopped early, kept here because p-map 7.1 can drop a source's error (see below). */
  listingError: unknown;
  #failed: number;

  constructor(resume: ScreeningCheckpoint | undefined, only: ReadonlySet<number> | undefined) {
    this.rows = new Map(resume?.rows.map((row) => [row.clientId, row]));
    this.#done = new Set(this.rows.keys());
    this.#only = only;
    this.#listed = this.rows.size;
    this.startPage = resume?.page ?? 1;
    this.#lastPageSeen = this.startPage - 1;
    this.#failed = [...this.rows.values()].filter((row) => row.overallBand === 'failed').length;
  }

  progress(): ScreeningProgress {
    return {
      pagesFetched: this.pagesFetched,
      lastPage: this.#lastPageFetched,
      screened: this.rows.size,
      failed: this.#failed,
      listed: Math.max(this.#listed, this.rows.size),
      listingDone: this.listingDone,
    };
  }

  /** Whether this run screens the client: not done before, and asked for. */
  wants(clientId: number): boolean {
    return !this.#done.has(clientId) && (this.#only === undefined || this.#only.has(clientId));
  }

  /** How many clients this run may still screen: `limit` counts resumed rows too. */
  budget(limit: number | undefined): number {
    const asked = this.#only === undefined ? Number.POSITIVE_INFINITY : this.#only.size;
    return Math.min(asked, (limit ?? Number.POSITIVE_INFINITY) - this.rows.size);
  }

  pageFetched(page: number, clientIds: readonly number[]): void {
    this.pagesFetched += 1;
    this.#lastPageFetched = page;
    // Counted once: a resumed run lists its checkpoint page again, with clients already done.
    this.#listed += clientIds.filter((id) => this.wants(id)).length;
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
  let budget = state.budget(options.limit);
  if (budget <= 0) {
    state.listingDone = true;
    return;
  }
  const listing = options.intend.clients.list(undefined, {
    startPage: state.startPage,
    prefetch: 1,
    signal,
    onPage: ({ page, items }) => {
      state.pageFetched(
        page,
        items.map((client) => client.id),
      );
      options.onProgress(state.progress());
    },
  });
  try {
    for await (const page of listing.pages()) {
      state.enterPage(page.number);
      for (const client of page.items) {
        if (!state.wants(client.id) || state.rows.has(client.id)) continue;
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
  const state = new ScreeningState(options.resume, options.only);
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
