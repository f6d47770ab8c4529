import {
  type BridgekitError,
  isAbortError,
  isBridgekitError,
  isConfigurationError,
  isHttpError,
  isOAuthError,
} from '@bridgekit/errors';
import type { IntendClient, IntendClientRecord } from '@bridgekit/intend-client';
import pMap from 'p-map';
import { type Band, bandOf, overallBand } from './score-bands.js';

/** One line of the report. */
export interface ScreeningRow {
  readonly clientId: number;
  readonly account: string;
  readonly name: string;
  readonly email: string;
  readonly overallBand: Band;
  /** Per response group (`emailAddress`, `mobileNumber`, `address`, ...). */
  readonly bands: Readonly<Record<string, Band>>;
  readonly errorCode: string | undefined;
  readonly traceId: string | undefined;
}

/** What an interrupted run leaves behind, so `--resume` can finish it without rescoring. */
export interface ScreeningCheckpoint {
  readonly version: 1;
  /** The first Intend page with a client not yet screened. */
  readonly page: number;
  readonly rows: readonly ScreeningRow[];
}

/** Scores one identity; resolves to Ingo's response groups. */
export type ScoreIdentity = (
  request: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<Record<string, unknown>>;

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

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
Builds the identity score request from an Intend client. Intend records carry no SSN, which the
`identity` group needs, so the name travels as correlation data and the scored groups are the
email address, the mobile number and the billing address.
*/
export function identityRequest(client: IntendClientRecord): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  const email = text(client.email);
  if (email) request['emailAddress'] = email;
  const mobile = text(client['mobile'])?.replace(/\D/g, '');
  if (mobile?.length === 10) request['mobileNumber'] = mobile;
  const billing = client.billing_address ?? {};
  const line1 = text(billing['line1']);
  const city = text(billing['city']);
  const state = text(billing['state']);
  const zipCode = text(billing['zip_code'] ?? billing['zipCode'] ?? billing['postcode'])?.slice(0, 5);
  if (line1 && city && state && zipCode) {
    request['address'] = {
      line1,
      ...(text(billing['line2']) ? { line2: text(billing['line2']) } : {}),
      city,
      state,
      zipCode,
    };
  }
  request['correlationData'] = [
    { AttributeName: 'IntendClientId', AttributeValue: String(client.id) },
    {
      AttributeName: 'Name',
      AttributeValue: [client.first_name, client.last_name].filter(Boolean).join(' '),
    },
  ];
  return request;
}

function describeClient(client: IntendClientRecord) {
  return {
    clientId: client.id,
    account: text(client.account) ?? '',
    name: [client.first_name, client.last_name].filter(Boolean).join(' '),
    email: text(client.email) ?? '',
  };
}

/** Errors that say the whole run is misconfigured rather than one client failing. */
function isFatal(error: unknown): boolean {
  return (
    isOAuthError(error) ||
    isConfigurationError(error) ||
    (isHttpError(error) && (error.status === 401 || error.status === 403))
  );
}

async function screenOne(
  client: IntendClientRecord,
  scoreIdentity: ScoreIdentity,
  signal: AbortSignal,
): Promise<ScreeningRow> {
  try {
    const groups = await scoreIdentity(identityRequest(client), signal);
    const bands: Record<string, Exclude<Band, 'failed'>> = {};
    for (const [group, value] of Object.entries(groups)) {
      const score =
        typeof value === 'object' && value !== null ? (value as { score?: unknown }).score : value;
      bands[group] = bandOf(typeof score === 'number' ? score : null);
    }
    return {
      ...describeClient(client),
      overallBand: overallBand(Object.values(bands)),
      bands,
      errorCode: undefined,
      traceId: undefined,
    };
  } catch (error) {
    if (isAbortError(error) || signal.aborted || isFatal(error) || !isBridgekitError(error)) throw error;
    const failure: BridgekitError = error;
    return {
      ...describeClient(client),
      overallBand: 'failed',
      bands: {},
      errorCode: failure.code,
      traceId: isHttpError(failure) ? failure.traceId : undefined,
    };
  }
}

/**
Lists Intend clients (prefetching pages) and scores each with Ingo at bounded concurrency. A
client whose scoring fails is recorded as failed and the run goes on; an abort or a fatal error
stops it, keeping every finished row and a checkpoint to resume from.
*/
export async function runScreening(options: ScreeningOptions): Promise<ScreeningResult> {
  const rows = new Map<number, ScreeningRow>(options.resume?.rows.map((row) => [row.clientId, row]));
  const startPage = options.resume?.page ?? 1;
  // Clients handed to scoring but not finished, per page: the checkpoint is the lowest such page.
  const unfinished = new Map<number, number>();
  let lastPageSeen = startPage - 1;
  let pagesFetched = 0;
  let listed = 0;
  let listingDone = false;
  let failed = [...rows.values()].filter((row) => row.overallBand === 'failed').length;
  const progress = () =>
    options.onProgress({
      pagesFetched,
      screened: rows.size,
      failed,
      listed: Math.max(listed, rows.size),
      listingDone,
    });

  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  const listing = options.intend.clients.list(undefined, {
    startPage,
    prefetch: 1,
    signal,
    onPage: ({ items }) => {
      pagesFetched += 1;
      listed += items.length;
      progress();
    },
  });

  // `limit` counts the report's rows, resumed ones included: only the rest is screened now.
  let budget = (options.limit ?? Number.POSITIVE_INFINITY) - rows.size;

  async function* toScreen(): AsyncGenerator<{ client: IntendClientRecord; page: number }> {
    if (budget <= 0) {
      listingDone = true;
      return;
    }
    for await (const page of listing.pages()) {
      lastPageSeen = page.number;
      for (const client of page.items) {
        if (rows.has(client.id)) continue;
        unfinished.set(page.number, (unfinished.get(page.number) ?? 0) + 1);
        budget -= 1;
        yield { client, page: page.number };
        // Leaving the loop ends the listing and cancels any page fetched ahead.
        if (budget <= 0) {
          listingDone = true;
          return;
        }
      }
    }
    listingDone = true;
    progress();
  }

  let stoppedBy: unknown;
  try {
    await pMap(
      toScreen(),
      async ({ client, page }) => {
        const row = await screenOne(client, options.scoreIdentity, signal);
        rows.set(client.id, row);
        if (row.overallBand === 'failed') failed += 1;
        unfinished.set(page, (unfinished.get(page) ?? 1) - 1);
        progress();
      },
      { concurrency: options.concurrency, signal },
    );
  } catch (error) {
    stoppedBy = error;
    controller.abort(error);
  }

  const ordered = [...rows.values()].sort((left, right) => left.clientId - right.clientId);
  if (stoppedBy === undefined) return { rows: ordered, pagesFetched, checkpoint: undefined, stoppedBy };
  const pending = [...unfinished.entries()].filter(([, count]) => count > 0).map(([page]) => page);
  const listingCheckpoint = isBridgekitError(stoppedBy) ? stoppedBy.checkpoint?.page : undefined;
  const page = Math.min(...pending, listingCheckpoint ?? lastPageSeen + 1, lastPageSeen + 1);
  return {
    rows: ordered,
    pagesFetched,
    checkpoint: { version: 1, page: Math.max(page, 1), rows: ordered },
    stoppedBy,
  };
}
