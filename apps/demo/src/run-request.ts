import { resolve } from 'node:path';
import { readCheckpoint, type SavedCheckpoint } from './checkpoint-file.js';
import { type CliOptions, helpText, parseCliOptions } from './cli-options.js';
import { type DemoConfiguration, environmentWithDotEnv, loadConfiguration } from './configuration.js';
import { type DemoIo, ExitCode } from './demo-io.js';
import { rescoreOptions, resumedOptions } from './earlier-run.js';
import { readReport } from './report-files.js';
import type { ScreeningReport } from './report-model.js';

/** An earlier report whose failed rows this run rescores. */
export interface Rescore {
  readonly file: string;
  readonly report: ScreeningReport;
}

/** What the command line, the environment and an earlier run's file ask for. */
export interface RunRequest {
  readonly options: CliOptions;
  readonly configuration: DemoConfiguration;
  readonly resume: (SavedCheckpoint & { readonly file: string }) | undefined;
  readonly rescore: Rescore | undefined;
  readonly startedAt: Date;
}

/** The options, the configuration and the run to continue, or the exit code of `--help`. */
export async function readRequest(io: DemoIo): Promise<RunRequest | number> {
  const startedAt = (io.now ?? (() => new Date()))();
  const options = parseCliOptions(io.argv);
  if (options.help) {
    io.stdout.write(helpText);
    return ExitCode.Done;
  }
  const configuration = loadConfiguration(environmentWithDotEnv(io.cwd, io.env));
  const request = { options, configuration, resume: undefined, rescore: undefined, startedAt };
  if (options.resume !== undefined) {
    const file = resolve(io.cwd, options.resume);
    const resume = { ...(await readCheckpoint(file)), file };
    return { ...request, options: resumedOptions(options, configuration, resume), resume };
  }
  if (options.retryFailed !== undefined) {
    const file = resolve(io.cwd, options.retryFailed);
    const report = await readReport(file);
    return { ...request, options: rescoreOptions(options, configuration, report), rescore: { file, report } };
  }
  return request;
}
