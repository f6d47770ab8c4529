import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigurationError } from '@bridgekit/errors';
import { toCsv } from './report-csv.js';
import { reportSchemaVersion, type ScreeningReport } from './report-model.js';
import { renderReportPage } from './report-page.js';

/** Where one run's files go. */
export interface ReportPaths {
  readonly csv: string;
  readonly json: string;
  readonly html: string;
  readonly checkpoint: string;
}

/** A file-system-safe UTC timestamp: `2026-11-23T14-30-05Z`. */
export function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

export function reportPaths(directory: string, stamp: string): ReportPaths {
  const base = join(directory, `screening-${stamp}`);
  return {
    csv: `${base}.csv`,
    json: `${base}.json`,
    html: `${base}.html`,
    checkpoint: `${base}.checkpoint.json`,
  };
}

/** Writes the CSV, the JSON report and the HTML page, side by side. */
export async function writeReportFiles(paths: ReportPaths, report: ScreeningReport): Promise<void> {
  await mkdir(dirname(paths.csv), { recursive: true });
  await Promise.all([
    writeFile(paths.csv, toCsv(report.rows)),
    writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`),
    writeFile(paths.html, renderReportPage(report)),
  ]);
}

/** Reads a JSON report back, for `--retry-failed`; anything else is refused by name. */
export async function readReport(file: string): Promise<ScreeningReport> {
  let parsed: Partial<ScreeningReport> | undefined;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ScreeningReport>;
  } catch {
    parsed = undefined;
  }
  if (
    parsed?.schemaVersion !== reportSchemaVersion ||
    typeof parsed.settings !== 'object' ||
    parsed.settings === null ||
    !Array.isArray(parsed.rows)
  ) {
    throw new ConfigurationError({
      option: '--retry-failed',
      expected: `a JSON report written by this demo (schemaVersion ${reportSchemaVersion})`,
      hint: `Could not use ${file}.`,
    });
  }
  return parsed as ScreeningReport;
}
