import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bandsByCaution, type ClientBand, scoredGroups } from './client-band.js';
import type { ScreeningRow } from './screening-job.js';

/** The run's numbers, printed as a table or (with --json) as JSON. */
export interface ScreeningSummary {
  readonly mode: 'sandbox' | 'live';
  readonly complete: boolean;
  readonly clientsScreened: number;
  readonly byBand: Readonly<Record<ClientBand, number>>;
  readonly failures: number;
  readonly pagesFetched: number;
  readonly tokenRequests: number;
  /** Ingo identity-score calls made by this run (a resumed run makes only the missing ones). */
  readonly scoringCalls: number;
  readonly retries: number;
  readonly wallTimeMs: number;
  readonly report: { readonly csv: string; readonly json: string };
  readonly checkpoint: string | undefined;
}

function csvField(value: string | number | undefined): string {
  // Names and emails come from Intend: a leading = + - @ (or tab, CR) would run as a formula in a
  // spreadsheet, so such a cell is prefixed with an apostrophe (OWASP's CSV injection advice).
  const raw = value === undefined ? '' : String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly ScreeningRow[]): string {
  const header = [
    'client_id',
    'account',
    'name',
    'email',
    'overall_band',
    ...scoredGroups.map((group) => `${group}_band`),
    'error_code',
    'trace_id',
  ];
  const lines = rows.map((row) =>
    [
      row.clientId,
      row.account,
      row.name,
      row.email,
      row.overallBand,
      ...scoredGroups.map((group) => row.bands[group] ?? ''),
      row.errorCode,
      row.traceId,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

export function countBands(rows: readonly ScreeningRow[]): Record<ClientBand, number> {
  const counts = Object.fromEntries([...bandsByCaution, 'failed'].map((band) => [band, 0])) as Record<
    ClientBand,
    number
  >;
  for (const row of rows) counts[row.overallBand] += 1;
  return counts;
}

/** A file-system-safe UTC timestamp: `2026-11-23T14-30-05Z`. */
export function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

export async function writeReport(
  directory: string,
  stamp: string,
  rows: readonly ScreeningRow[],
  summary: Omit<ScreeningSummary, 'report' | 'checkpoint'>,
): Promise<{ csv: string; json: string }> {
  await mkdir(directory, { recursive: true });
  const csv = join(directory, `screening-${stamp}.csv`);
  const json = join(directory, `screening-${stamp}.json`);
  await writeFile(csv, toCsv(rows));
  await writeFile(json, `${JSON.stringify({ summary, rows }, null, 2)}\n`);
  return { csv, json };
}

export function formatSummary(summary: ScreeningSummary): string {
  const lines: [string, string][] = [
    ['mode', summary.mode],
    ['complete', summary.complete ? 'yes' : 'no (interrupted)'],
    ['clients screened', String(summary.clientsScreened)],
    ...Object.entries(summary.byBand).map(([band, count]): [string, string] => [`  ${band}`, String(count)]),
    ['failures', String(summary.failures)],
    ['pages fetched', String(summary.pagesFetched)],
    ['token requests', String(summary.tokenRequests)],
    ['scoring calls', String(summary.scoringCalls)],
    ['retries', String(summary.retries)],
    ['wall time', `${(summary.wallTimeMs / 1000).toFixed(2)} s`],
    ['report (csv)', summary.report.csv],
    ['report (json)', summary.report.json],
  ];
  if (summary.checkpoint) lines.push(['checkpoint', summary.checkpoint]);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
