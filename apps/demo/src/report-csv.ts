import { scoredGroups } from './client-band.js';
import type { ScreeningRow } from './screen-client.js';

function csvField(value: string | number | boolean | null | undefined): string {
  // Names and emails come from Intend: a leading = + - @ (or tab, CR) would run as a formula in a
  // spreadsheet, so such a cell is prefixed with an apostrophe (OWASP's CSV injection advice).
  const raw = value === undefined || value === null ? '' : String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV: one row per client, a score and a band column per response group. */
export function toCsv(rows: readonly ScreeningRow[]): string {
  const header = [
    'client_id',
    'account',
    'name',
    'email',
    'overall_band',
    ...scoredGroups.flatMap((group) => [`${group}_score`, `${group}_band`]),
    'error_code',
    'trace_id',
    'retryable',
  ];
  const lines = rows.map((row) =>
    [
      row.clientId,
      row.account,
      row.name,
      row.email,
      row.overallBand,
      // A group that was sent but not found has a band (`not-found`) and an empty score.
      ...scoredGroups.flatMap((group) => [row.scores[group], row.bands[group]]),
      row.errorCode,
      row.traceId,
      row.retryable,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
