import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError } from '@bridgekit/errors';
import type { CliOptions } from './cli-options.js';
import type { DemoConfiguration } from './configuration.js';
import type { ScreeningCheckpoint } from './screening-job.js';

/** The settings a resumed run must share with the run it continues. */
export interface RunSettings {
  readonly mode: 'sandbox' | 'live';
  readonly limit: number | null;
  readonly clients: number | null;
  readonly intendBaseUrl: string | null;
}

/** What a checkpoint file holds: the rows so far, where to list from, and the run's settings. */
export interface SavedCheckpoint extends ScreeningCheckpoint {
  readonly settings: RunSettings;
}

/** This run's settings, as a checkpoint records them. */
export function runSettings(options: CliOptions, configuration: DemoConfiguration): RunSettings {
  return {
    mode: configuration.mode,
    limit: options.limit ?? null,
    clients: configuration.mode === 'sandbox' ? options.clients : null,
    intendBaseUrl: configuration.mode === 'live' ? configuration.intend.baseUrl : null,
  };
}

export async function readCheckpoint(file: string): Promise<SavedCheckpoint> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedCheckpoint>;
  if (
    parsed.version !== 1 ||
    typeof parsed.page !== 'number' ||
    !Array.isArray(parsed.rows) ||
    !parsed.settings
  ) {
    throw new ConfigurationError({
      option: '--resume',
      expected: 'a checkpoint file written by this demo',
      received: file,
    });
  }
  return parsed as SavedCheckpoint;
}

export async function writeCheckpoint(file: string, checkpoint: SavedCheckpoint): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(checkpoint)}\n`);
  return file;
}
