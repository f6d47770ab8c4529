import { resolve } from 'node:path';
import { isAbortError, isConfigurationError } from '@bridgekit/errors';
import {
  createIngoClient,
  createTokenManager,
  type IngoClient,
  type TokenManager,
} from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import {
  readCheckpoint,
  resumedOptions,
  runSettings,
  type SavedCheckpoint,
  writeCheckpoint,
} from './checkpoint-file.js';
import { type CliOptions, helpText, parseCliOptions } from './cli-options.js';
import { type DemoConfiguration, environmentWithDotEnv, loadConfiguration } from './configuration.js';
import { type Endpoints, resolveEndpoints } from './demo-endpoints.js';
import { fatalMessage } from './fatal-message.js';
import { createProgressDisplay } from './progress-display.js';
import { countBands, fileTimestamp, formatSummary, type ScreeningSummary, writeReport } from './report.js';
import { runScreening, type ScoreIdentity, type ScreeningResult } from './screening-job.js';

export interface DemoIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C: the run stops cleanly and leaves a checkpoint. */
  readonly signal: AbortSignal;
  readonly now?: () => Date;
}

/** Exit codes: 0 done, 1 a fatal error, 2 bad options or configuration, 130 interrupted. */
export const ExitCode = { Done: 0, Fatal: 1, Usage: 2, Interrupted: 130 } as const;

/** What the command line, the environment and a checkpoint ask for. */
interface RunRequest {
  readonly options: CliOptions;
  readonly configuration: DemoConfiguration;
  readonly resume: SavedCheckpoint | undefined;
}

/** The clients of one run, sharing one token manager, and the counters they feed. */
interface Connection {
  readonly tokens: TokenManager;
  readonly ingo: IngoClient;
  readonly intend: ReturnType<typeof createIntendClient>;
  readonly scoreIdentity: ScoreIdentity;
  intendRetries(): number;
}

/** Step 1: the options, the configuration and the checkpoint to resume, or the exit code of `--help`. */
async function readRequest(io: DemoIo): Promise<RunRequest | number> {
  let options = parseCliOptions(io.argv);
  if (options.help) {
    io.stdout.write(helpText);
    return ExitCode.Done;
  }
  const configuration = loadConfiguration(environmentWithDotEnv(io.cwd, io.env));
  if (options.resume === undefined) return { options, configuration, resume: undefined };
  const resume = await readCheckpoint(resolve(io.cwd, options.resume));
  options = resumedOptions(options, configuration, resume);
  return { options, configuration, resume };
}

/** Step 2: one Intend client and one Ingo client, each counting its retries. */
function connect(target: Endpoints, options: CliOptions): Connection {
  let intendRetries = 0;
  const intend = createIntendClient({
    ...target.intend,
    // Sandbox faults are frequent on purpose: more attempts keep the listing itself alive.
    retry: { limit: target.mode === 'sandbox' && options.sandboxFaultRate > 0 ? 8 : 2 },
    hooks: {
      beforeRetry: [
        () => {
          intendRetries += 1;
        },
      ],
    },
  });
  const tokens = createTokenManager(target.tokens);
  const ingo = createIngoClient({ tokens, ...target.ingo, apiVersion: '1' });
  return {
    tokens,
    ingo,
    intend,
    scoreIdentity: (request, signal) => ingo.identityScore(request, { signal }),
    intendRetries: () => intendRetries,
  };
}

/** Step 3: screens every client, showing progress; Ctrl-C stops the bar before anything is said. */
async function screen(
  io: DemoIo,
  request: RunRequest,
  target: Endpoints,
  connection: Connection,
): Promise<ScreeningResult> {
  const { options, resume } = request;
  const log = (line: string) => (options.json ? io.stderr : io.stdout).write(`${line}\n`);
  if (target.sandboxes)
    log(
      `Sandbox mode: Intend at ${target.sandboxes.intend.baseUrl}, Ingo at ${target.sandboxes.ingo.baseUrl} (no credentials needed).`,
    );
  if (resume) {
    const limit = options.limit === undefined ? '' : `, --limit ${options.limit}`;
    log(
      `Resuming: ${resume.rows.length} clients already screened, listing from page ${resume.page}${limit}.`,
    );
  }
  const display = createProgressDisplay(
    options.json ? io.stderr : io.stdout,
    options.limit ?? (target.mode === 'sandbox' ? options.clients : undefined),
  );
  const onInterrupt = () => {
    display.stop();
    io.stderr.write('Stopping: aborting requests and writing the partial report...\n');
  };
  io.signal.addEventListener('abort', onInterrupt, { once: true });
  try {
    return await runScreening({
      intend: connection.intend,
      scoreIdentity: connection.scoreIdentity,
      concurrency: options.concurrency,
      limit: options.limit,
      signal: io.signal,
      resume,
      onProgress: (progress) => display.update(progress),
    });
  } finally {
    io.signal.removeEventListener('abort', onInterrupt);
    display.stop();
  }
}

/** Step 4: the report, a checkpoint when the run stopped early, the summary and the exit code. */
async function finish(
  io: DemoIo,
  request: RunRequest,
  target: Endpoints,
  connection: Connection,
  result: ScreeningResult,
  started: number,
): Promise<number> {
  const { options } = request;
  const stamp = fileTimestamp((io.now ?? (() => new Date()))());
  const outDirectory = resolve(io.cwd, options.out);
  const complete = result.stoppedBy === undefined;
  const { tokens, ingo } = connection;
  const base = {
    mode: target.mode,
    complete,
    clientsScreened: result.rows.length,
    byBand: countBands(result.rows),
    failures: result.rows.filter((row) => row.overallBand === 'failed').length,
    pagesFetched: result.pagesFetched,
    tokenRequests: tokens.stats.tokenRequests,
    scoringCalls: ingo.stats.calls,
    retries: connection.intendRetries() + ingo.stats.retries + tokens.stats.retries,
    wallTimeMs: performance.now() - started,
  };
  const report = await writeReport(outDirectory, stamp, result.rows, base);
  const settings = runSettings(options, request.configuration);
  // Nothing screened, nothing to resume: a fresh run does the same.
  const checkpoint =
    result.checkpoint && result.rows.length > 0
      ? await writeCheckpoint(outDirectory, stamp, { ...result.checkpoint, settings })
      : undefined;
  const summary: ScreeningSummary = { ...base, report, checkpoint };
  io.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `\n${formatSummary(summary)}\n`);

  if (complete) return ExitCode.Done;
  const resumeHint = checkpoint ? ` Resume with: pnpm demo --resume ${checkpoint}` : '';
  if (isAbortError(result.stoppedBy) || io.signal.aborted) {
    io.stderr.write(
      `Interrupted: ${result.rows.length} clients screened, partial report written.${resumeHint}\n`,
    );
    return ExitCode.Interrupted;
  }
  io.stderr.write(`${fatalMessage(result.stoppedBy, target)}${resumeHint}\n`);
  return ExitCode.Fatal;
}

/** Runs the whole demo and resolves to the process exit code. */
export async function runDemo(io: DemoIo): Promise<number> {
  const started = performance.now();
  let request: RunRequest;
  try {
    const read = await readRequest(io);
    if (typeof read === 'number') return read;
    request = read;
  } catch (error) {
    const help = isConfigurationError(error) ? 'Run with --help for the options.\n' : '';
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${help}`);
    return ExitCode.Usage;
  }
  let target: Endpoints;
  try {
    target = await resolveEndpoints(request.configuration, request.options);
  } catch (error) {
    io.stderr.write(`${fatalMessage(error, { mode: request.configuration.mode, services: undefined })}\n`);
    return ExitCode.Fatal;
  }
  try {
    const connection = connect(target, request.options);
    const result = await screen(io, request, target, connection);
    return await finish(io, request, target, connection, result, started);
  } catch (error) {
    io.stderr.write(`${fatalMessage(error, target)}\n`);
    return ExitCode.Fatal;
  } finally {
    await target.sandboxes?.close();
  }
}
