import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect } from 'vitest';
import type { ScreeningSummary } from '../report-model.js';
import { runDemo } from '../run-demo.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A fresh directory to run the demo in, removed after the test. */
export async function workspace(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bridgekit-demo-'));
  folders.push(folder);
  return folder;
}

function capture(onLine?: (line: string) => void) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    const added = chunk.toString();
    text += added;
    for (const line of added.split('\n')) if (line) onLine?.(line);
  });
  return { stream, text: () => text };
}

export interface DemoRun {
  readonly code: number;
  readonly cwd: string;
  readonly stdout: string;
  readonly stderr: string;
  /** The `--json` summary, when asked for. */
  readonly summary: ScreeningSummary | undefined;
}

/** Runs the demo in-process, as `pnpm demo <argv>` would, capturing both streams. */
export async function demo(
  argv: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    signal?: AbortSignal;
    onLine?: (line: string) => void;
  } = {},
): Promise<DemoRun> {
  const cwd = options.cwd ?? (await workspace());
  const stdout = capture(options.onLine);
  const stderr = capture(options.onLine);
  const code = await runDemo({
    argv,
    env: options.env ?? {},
    cwd,
    stdout: stdout.stream,
    stderr: stderr.stream,
    signal: options.signal ?? new AbortController().signal,
  });
  const summaryLine = argv.includes('--json') ? stdout.text().trim().split('\n').at(-1) : undefined;
  return {
    code,
    cwd,
    stdout: stdout.text(),
    stderr: stderr.text(),
    summary: summaryLine ? (JSON.parse(summaryLine) as ScreeningSummary) : undefined,
  };
}

/** The data lines of a CSV report. */
export const csvRows = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8')).trim().split('\n').slice(1);

/** The summary's figures add up: listed = scored + failed, scored = the sum of the bands. */
export function expectFiguresToAddUp(summary: ScreeningSummary): void {
  const byBand = Object.values(summary.byBand).reduce((sum, count) => sum + count, 0);
  const byCode = summary.failedByErrorCode.reduce((sum, { count }) => sum + count, 0);
  expect(summary.listed).toBe(summary.scored + summary.failed);
  expect(byBand).toBe(summary.scored);
  expect(byCode).toBe(summary.failed);
}
