import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ConfigurationError,
  isAbortError,
  isAuthenticationError,
  isBridgekitError,
  isConfigurationError,
  isNetworkError,
  isOAuthError,
} from '@bridgekit/errors';
import { createIngoClient, createTokenManager, type IdentityScoreRequest } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { type CliOptions, helpText, parseCliOptions } from './cli-options.js';
import { type DemoConfiguration, environmentWithDotEnv, loadConfiguration } from './configuration.js';
import { type EmbeddedSandboxes, startEmbeddedSandboxes } from './embedded-sandboxes.js';
import { createProgressDisplay } from './progress-display.js';
import {
  countBands,
  fileTimestamp,
  formatSummary,
  type ScreeningSummary,
  writeCheckpoint,
  writeReport,
} from './report.js';
import { runScreening, type ScoreIdentity, type ScreeningCheckpoint } from './screening-job.js';

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

interface Endpoints {
  readonly mode: 'sandbox' | 'live';
  readonly sandboxes: EmbeddedSandboxes | undefined;
  readonly intend: Parameters<typeof createIntendClient>[0];
  readonly tokens: Parameters<typeof createTokenManager>[0];
  readonly ingo: { readonly baseUrl: string } | { readonly environment: 'uat' | 'production' };
}

async function endpoints(configuration: DemoConfiguration, options: CliOptions): Promise<Endpoints> {
  if (configuration.mode === 'live') {
    const { intend, ingo } = configuration;
    return {
      mode: 'live',
      sandboxes: undefined,
      intend: {
        baseUrl: intend.baseUrl,
        apiKey: intend.apiKey,
        secretKey: intend.secretKey,
        ...(intend.scheme ? { scheme: intend.scheme } : {}),
      },
      tokens: {
        ...(ingo.tokenUrl ? { tokenUrl: ingo.tokenUrl } : { environment: ingo.environment ?? 'uat' }),
        clientId: ingo.clientId,
        clientSecret: ingo.clientSecret,
        scope: ingo.scope,
        ...(ingo.authMethod ? { authMethod: ingo.authMethod } : {}),
      },
      ingo: ingo.apiUrl ? { baseUrl: ingo.apiUrl } : { environment: ingo.environment ?? 'uat' },
    };
  }
  const sandboxes = await startEmbeddedSandboxes({
    clients: options.clients,
    latency: options.sandboxLatency,
    faultRate: options.sandboxFaultRate,
  });
  return {
    mode: 'sandbox',
    sandboxes,
    intend: {
      baseUrl: sandboxes.intend.baseUrl,
      apiKey: sandboxes.intend.apiKey,
      secretKey: sandboxes.intend.secretKey,
    },
    tokens: {
      tokenUrl: sandboxes.ingo.tokenUrl,
      clientId: sandboxes.ingo.clientId,
      clientSecret: sandboxes.ingo.clientSecret,
      scope: sandboxes.ingo.scope,
    },
    ingo: { baseUrl: sandboxes.ingo.baseUrl },
  };
}

// The library appends the listing's resume point to messages; the demo has its own resume hint.
const listingSuffix = / \(listing stopped at page \d+ after \d+ records; resume with `startPage: \d+`\)$/;

/** One sentence saying what went wrong, then the fix. */
function fatalMessage(error: unknown, mode: 'sandbox' | 'live'): string {
  const detail = (error instanceof Error ? error.message : String(error)).replace(listingSuffix, '');
  if (isAuthenticationError(error)) {
    return `The Intend API refused the credentials (HTTP ${error.status}). Check INTEND_API_KEY, INTEND_SECRET_KEY, INTEND_SIGNATURE_SCHEME and this machine's clock.`;
  }
  if (isOAuthError(error)) {
    return `Ingo refused the token request (${error.error}). Check INGO_CLIENT_ID, INGO_CLIENT_SECRET, INGO_SCOPE and INGO_AUTH_METHOD.`;
  }
  if (isNetworkError(error)) {
    const host = error.url ? new URL(error.url).host : 'the API';
    return mode === 'live'
      ? `Could not reach ${host}. Check INTEND_BASE_URL, INGO_TOKEN_URL or INGO_API_URL, and the network.`
      : `Could not reach the embedded sandbox at ${host}. Check that this machine allows connections on 127.0.0.1.`;
  }
  return `The run stopped: ${detail}`;
}

/** What a checkpoint file holds: the rows so far, where to list from, and the run's settings. */
interface SavedCheckpoint extends ScreeningCheckpoint {
  readonly settings: {
    readonly mode: 'sandbox' | 'live';
    readonly limit: number | null;
    readonly clients: number | null;
    readonly intendBaseUrl: string | null;
  };
}

async function readCheckpoint(file: string): Promise<SavedCheckpoint> {
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

/** A resumed run continues the original one: same mode and tenant, same limit and sandbox size. */
function resumedOptions(
  options: CliOptions,
  configuration: DemoConfiguration,
  saved: SavedCheckpoint,
): CliOptions {
  const { settings } = saved;
  const baseUrl = configuration.mode === 'live' ? configuration.intend.baseUrl : null;
  if (settings.mode !== configuration.mode || settings.intendBaseUrl !== baseUrl) {
    throw new ConfigurationError({
      option: '--resume',
      expected: `the configuration of the interrupted run (${settings.mode === 'live' ? `live, INTEND_BASE_URL=${settings.intendBaseUrl}` : 'sandbox mode: no INTEND_* or INGO_* variables'})`,
    });
  }
  return { ...options, limit: settings.limit ?? undefined, clients: settings.clients ?? options.clients };
}

/** Runs the whole demo and resolves to the process exit code. */
export async function runDemo(io: DemoIo): Promise<number> {
  const started = performance.now();
  const now = io.now ?? (() => new Date());
  let options: CliOptions;
  let configuration: DemoConfiguration;
  let resume: SavedCheckpoint | undefined;
  try {
    options = parseCliOptions(io.argv);
    if (options.help) {
      io.stdout.write(helpText);
      return ExitCode.Done;
    }
    configuration = loadConfiguration(environmentWithDotEnv(io.cwd, io.env));
    if (options.resume !== undefined) {
      resume = await readCheckpoint(resolve(io.cwd, options.resume));
      options = resumedOptions(options, configuration, resume);
    }
  } catch (error) {
    io.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${isConfigurationError(error) ? 'Run with --help for the options.\n' : ''}`,
    );
    return ExitCode.Usage;
  }
  const log = (line: string) => (options.json ? io.stderr : io.stdout).write(`${line}\n`);

  let target: Endpoints;
  try {
    target = await endpoints(configuration, options);
  } catch (error) {
    io.stderr.write(`${fatalMessage(error, configuration.mode)}\n`);
    return ExitCode.Fatal;
  }
  let intendRetries = 0;
  const countRetry = () => {
    intendRetries += 1;
  };
  try {
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
    const intend = createIntendClient({
      ...target.intend,
      // Sandbox faults are frequent on purpose: more attempts keep the listing itself alive.
      retry: { limit: target.mode === 'sandbox' && options.sandboxFaultRate > 0 ? 8 : 2 },
      hooks: { beforeRetry: [countRetry] },
    });
    const tokens = createTokenManager(target.tokens);
    const ingo = createIngoClient({ tokens, ...target.ingo, apiVersion: '1' });
    const scoreIdentity: ScoreIdentity = async (request, signal) =>
      (await ingo.identityScore(request as IdentityScoreRequest, { signal })) as Record<string, unknown>;

    const display = createProgressDisplay(
      options.json ? io.stderr : io.stdout,
      options.limit ?? (target.mode === 'sandbox' ? options.clients : undefined),
    );
    // The bar owns the terminal line: stop it before saying anything.
    const onInterrupt = () => {
      display.stop();
      io.stderr.write('Stopping: aborting requests and writing the partial report...\n');
    };
    io.signal.addEventListener('abort', onInterrupt, { once: true });
    const result = await runScreening({
      intend,
      scoreIdentity,
      concurrency: options.concurrency,
      limit: options.limit,
      signal: io.signal,
      resume,
      onProgress: (progress) => display.update(progress),
    });
    io.signal.removeEventListener('abort', onInterrupt);
    display.stop();

    const stamp = fileTimestamp(now());
    const outDirectory = resolve(io.cwd, options.out);
    const complete = result.stoppedBy === undefined;
    const base = {
      mode: target.mode,
      complete,
      clientsScreened: result.rows.length,
      byBand: countBands(result.rows),
      failures: result.rows.filter((row) => row.overallBand === 'failed').length,
      pagesFetched: result.pagesFetched,
      tokenRequests: tokens.stats.tokenRequests,
      scoringCalls: ingo.stats.calls,
      retries: intendRetries + ingo.stats.retries + tokens.stats.retries,
      wallTimeMs: performance.now() - started,
    };
    const report = await writeReport(outDirectory, stamp, result.rows, base);
    const settings: SavedCheckpoint['settings'] = {
      mode: target.mode,
      limit: options.limit ?? null,
      clients: target.mode === 'sandbox' ? options.clients : null,
      intendBaseUrl: configuration.mode === 'live' ? configuration.intend.baseUrl : null,
    };
    // Nothing screened, nothing to resume: a fresh run does the same.
    const checkpoint =
      result.checkpoint && result.rows.length > 0
        ? await writeCheckpoint(outDirectory, stamp, { ...result.checkpoint, settings })
        : undefined;
    const summary: ScreeningSummary = { ...base, report, checkpoint };
    if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else io.stdout.write(`\n${formatSummary(summary)}\n`);

    if (complete) return ExitCode.Done;
    const resumeHint = checkpoint ? ` Resume with: pnpm demo --resume ${checkpoint}` : '';
    if (isAbortError(result.stoppedBy) || io.signal.aborted) {
      io.stderr.write(
        `Interrupted: ${result.rows.length} clients screened, partial report written.${resumeHint}\n`,
      );
      return ExitCode.Interrupted;
    }
    io.stderr.write(`${fatalMessage(result.stoppedBy, target.mode)}${resumeHint}\n`);
    return ExitCode.Fatal;
  } catch (error) {
    io.stderr.write(`${isBridgekitError(error) ? fatalMessage(error, target.mode) : String(error)}\n`);
    return ExitCode.Fatal;
  } finally {
    await target.sandboxes?.close();
  }
}
