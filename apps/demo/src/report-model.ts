import { type BandKey, bandKeys } from './band-labels.js';
import type { ScreeningRow } from './screen-client.js';

/** Bumped whenever a field of the JSON report changes meaning or goes away. */
export const reportSchemaVersion = 1;

/** One package and the version this run used. */
export interface PackageVersion {
  readonly name: string;
  readonly version: string;
}

/** How the run was made: enough to tell two reports apart and to make the same run again. */
export interface ReportSettings {
  readonly mode: 'sandbox' | 'live';
  /** The embedded sandboxes' settings; `null` in live mode. */
  readonly sandbox: {
    readonly seed: number;
    readonly clients: number;
    readonly faultRate: number;
    readonly latencyMs: number;
  } | null;
  readonly intendBaseUrl: string | null;
  readonly concurrency: number;
  readonly limit: number | null;
  /** The checkpoint this run resumed, if any. */
  readonly resumedFrom: string | null;
  /** The report whose failures this run rescored, if any. */
  readonly rescoredFrom: string | null;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  readonly wallTimeMs: number;
  readonly versions: readonly PackageVersion[];
}

/** The figures of a run. They add up: `listed = scored + failed`, `scored` = the sum of `byBand`. */
export interface ScreeningFigures {
  readonly mode: 'sandbox' | 'live';
  /** False when the run was interrupted or stopped by a fatal error. */
  readonly complete: boolean;
  /** Intend clients in the report, resumed or rescored ones included. */
  readonly listed: number;
  readonly scored: number;
  readonly byBand: Readonly<Record<BandKey, number>>;
  readonly failed: number;
  /** Most frequent first. */
  readonly failedByErrorCode: readonly { readonly code: string; readonly count: number }[];
  /** Intend pages this run fetched. */
  readonly pagesFetched: number;
  readonly intendRetries: number;
  /** Retries of scoring calls and of token requests. */
  readonly ingoRetries: number;
  readonly tokenRequests: number;
  /** Ingo identity-score calls made by this run (a resumed or rescoring run makes only the missing ones). */
  readonly scoringCalls: number;
  readonly wallTimeMs: number;
}

/** The figures, where the files went, and what to run next. Printed, and `--json` on stdout. */
export interface ScreeningSummary extends ScreeningFigures {
  readonly schemaVersion: number;
  readonly report: { readonly csv: string; readonly json: string; readonly html: string };
  readonly checkpoint: string | null;
  /** The command that rescores only the failed rows, when there are any. */
  readonly retryFailedCommand: string | null;
}

/** The JSON report: everything the CSV and the page show, and how the run was made. */
export interface ScreeningReport {
  readonly schemaVersion: number;
  readonly settings: ReportSettings;
  readonly summary: ScreeningSummary;
  readonly rows: readonly ScreeningRow[];
}

/** What the clients counted during the run. */
export type RunCounters = Pick<
  ScreeningFigures,
  | 'mode'
  | 'complete'
  | 'pagesFetched'
  | 'intendRetries'
  | 'ingoRetries'
  | 'tokenRequests'
  | 'scoringCalls'
  | 'wallTimeMs'
>;

/** Adds up the rows: scored by band, failed by error code. */
export function summarize(rows: readonly ScreeningRow[], counters: RunCounters): ScreeningFigures {
  const byBand: Record<BandKey, number> = {
    positive: 0,
    matched: 0,
    neutral: 0,
    negative: 0,
    unknown: 0,
    notFound: 0,
  };
  const byCode = new Map<string, number>();
  for (const row of rows) {
    if (row.overallBand === 'failed') {
      const code = row.errorCode ?? 'unknown';
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    } else byBand[bandKeys[row.overallBand]] += 1;
  }
  const failed = [...byCode.values()].reduce((sum, count) => sum + count, 0);
  return {
    ...counters,
    wallTimeMs: Math.round(counters.wallTimeMs),
    listed: rows.length,
    scored: rows.length - failed,
    byBand,
    failed,
    failedByErrorCode: [...byCode.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((left, right) => right.count - left.count || left.code.localeCompare(right.code)),
  };
}
