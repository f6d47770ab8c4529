import { isAbsolute, relative, resolve } from 'node:path';
import { isAbortError } from '@bridgekit/errors';
import { runSettings, writeCheckpoint } from './checkpoint-file.js';
import type { DemoConnection } from './demo-connection.js';
import type { Endpoints } from './demo-endpoints.js';
import { type DemoIo, ExitCode } from './demo-io.js';
import { sandboxSeed } from './embedded-sandboxes.js';
import { fatalMessage } from './fatal-message.js';
import { packageVersions } from './package-versions.js';
import { fileTimestamp, type ReportPaths, reportPaths, writeReportFiles } from './report-files.js';
import {
  type ReportSettings,
  reportSchemaVersion,
  type ScreeningReport,
  type ScreeningSummary,
  summarize,
} from './report-model.js';
import type { RunRequest } from './run-request.js';
import type { ScreeningResult, ScreeningRow } from './screening-job.js';
import { formatSummary } from './summary-text.js';

/** A path as the user would type it: relative to where they ran the demo, when it is below it. */
function typed(io: DemoIo, file: string): string {
  const path = relative(io.cwd, file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

/** Every row of the rescored report, each replaced by its new row when it was rescored. */
function reportRows(request: RunRequest, result: ScreeningResult): ScreeningRow[] {
  if (request.rescore === undefined) return result.rows;
  const rows = new Map(request.rescore.report.rows.map((row) => [row.clientId, row]));
  for (const row of result.rows) rows.set(row.clientId, row);
  return [...rows.values()].sort((left, right) => left.clientId - right.clientId);
}

function reportSettings(request: RunRequest, target: Endpoints, wallTimeMs: number): ReportSettings {
  const { options, configuration } = request;
  return {
    mode: target.mode,
    sandbox:
      target.mode === 'sandbox'
        ? {
            seed: sandboxSeed,
            clients: options.clients,
            faultRate: options.sandboxFaultRate,
            latencyMs: options.sandboxLatency,
          }
        : null,
    intendBaseUrl: configuration.mode === 'live' ? configuration.intend.baseUrl : null,
    concurrency: options.concurrency,
    limit: options.limit ?? null,
    resumedFrom: request.resume?.file ?? null,
    rescoredFrom: request.rescore?.file ?? null,
    startedAt: request.startedAt.toISOString(),
    wallTimeMs,
    versions: packageVersions(),
  };
}

/** Writes the checkpoint when there is something to resume (a rescoring run needs none: its report is the list). */
async function checkpointFile(
  request: RunRequest,
  result: ScreeningResult,
  paths: ReportPaths,
): Promise<string | null> {
  if (!result.checkpoint || result.rows.length === 0 || request.rescore) return null;
  const settings = runSettings(request.options, request.configuration);
  return writeCheckpoint(paths.checkpoint, { ...result.checkpoint, settings });
}

/** A run that has screened what it could, and what it needs to report. */
export interface FinishedRun {
  readonly io: DemoIo;
  readonly request: RunRequest;
  readonly target: Endpoints;
  readonly connection: DemoConnection;
  readonly result: ScreeningResult;
  readonly wallTimeMs: number;
}

/** The report of the run: its rows, figures, settings and the files they are written to. */
async function writeRunReport(run: FinishedRun): Promise<ScreeningReport> {
  const { io, request, target, connection, result, wallTimeMs } = run;
  const rows = reportRows(request, result);
  const figures = summarize(rows, {
    mode: target.mode,
    complete: result.stoppedBy === undefined,
    pagesFetched: result.pagesFetched,
    ...connection.counters(),
    wallTimeMs,
  });
  const paths = reportPaths(
    resolve(io.cwd, request.options.out),
    fileTimestamp((io.now ?? (() => new Date()))()),
  );
  const checkpoint = await checkpointFile(request, result, paths);
  const summary: ScreeningSummary = {
    schemaVersion: reportSchemaVersion,
    ...figures,
    report: { csv: paths.csv, json: paths.json, html: paths.html },
    checkpoint,
    // Failures are rescored once the run is whole; an interrupted run resumes first.
    retryFailedCommand:
      figures.failed > 0 && checkpoint === null ? `pnpm demo --retry-failed ${typed(io, paths.json)}` : null,
  };
  const report = {
    schemaVersion: reportSchemaVersion,
    settings: reportSettings(request, target, figures.wallTimeMs),
    summary,
    rows,
  };
  await writeReportFiles(paths, report);
  return report;
}

/** The report, a checkpoint when the run stopped early, the summary and the exit code. */
export async function finishRun(run: FinishedRun): Promise<number> {
  const { io, request, target, result } = run;
  const { summary } = await writeRunReport(run);
  io.stdout.write(request.options.json ? `${JSON.stringify(summary)}\n` : `\n${formatSummary(summary)}\n`);
  if (summary.complete) return ExitCode.Done;
  const next = summary.checkpoint
    ? ` Resume with: pnpm demo --resume ${typed(io, summary.checkpoint)}`
    : summary.retryFailedCommand
      ? ` Rescore the rest with: ${summary.retryFailedCommand}`
      : '';
  if (isAbortError(result.stoppedBy) || io.signal.aborted) {
    io.stderr.write(`Interrupted: ${result.rows.length} clients screened, partial report written.${next}\n`);
    return ExitCode.Interrupted;
  }
  io.stderr.write(`${fatalMessage(result.stoppedBy, target)}${next}\n`);
  return ExitCode.Fatal;
}
