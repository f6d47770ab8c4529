import { isConfigurationError } from '@bridgekit/errors';
import { connect, type DemoConnection } from './demo-connection.js';
import { type Endpoints, resolveEndpoints } from './demo-endpoints.js';
import { type DemoIo, ExitCode } from './demo-io.js';
import { fatalMessage } from './fatal-message.js';
import { createProgressDisplay } from './progress-display.js';
import { finishRun } from './run-outcome.js';
import { type RunRequest, readRequest } from './run-request.js';
import { runScreening, type ScreeningOptions, type ScreeningResult } from './screening-job.js';

export { type DemoIo, ExitCode } from './demo-io.js';

/** Where this run starts: a checkpoint to resume, or the scored rows of a report to rescore around. */
function startingPoint(request: RunRequest): Pick<ScreeningOptions, 'resume' | 'only' | 'limit'> {
  const { rescore, resume, options } = request;
  if (rescore === undefined) return { resume, limit: options.limit };
  const rows = rescore.report.rows;
  return {
    resume: { version: 1, page: 1, rows: rows.filter((row) => row.overallBand !== 'failed') },
    only: new Set(rows.filter((row) => row.overallBand === 'failed').map((row) => row.clientId)),
    limit: undefined,
  };
}

function announce(request: RunRequest, target: Endpoints, log: (line: string) => void): void {
  const { options, resume, rescore } = request;
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
  if (rescore) {
    const failed = rescore.report.rows.filter((row) => row.overallBand === 'failed').length;
    log(`Rescoring the ${failed} failed clients of ${rescore.file}; every other row is kept.`);
  }
}

/** Screens the clients, showing progress; Ctrl-C stops the bar before anything is said. */
async function screen(
  io: DemoIo,
  request: RunRequest,
  target: Endpoints,
  connection: DemoConnection,
): Promise<ScreeningResult> {
  const { options } = request;
  const progressStream = options.json ? io.stderr : io.stdout;
  announce(request, target, (line) => progressStream.write(`${line}\n`));
  const start = startingPoint(request);
  const display = createProgressDisplay(
    progressStream,
    request.rescore?.report.rows.length ??
      options.limit ??
      (target.mode === 'sandbox' ? options.clients : undefined),
  );
  const onInterrupt = () => {
    display.stop();
    io.stderr.write('Stopping: aborting requests and writing the partial report...\n');
  };
  io.signal.addEventListener('abort', onInterrupt, { once: true });
  try {
    return await runScreening({
      ...start,
      intend: connection.intend,
      scoreIdentity: connection.scoreIdentity,
      concurrency: options.concurrency,
      signal: io.signal,
      onProgress: (progress) => display.update(progress),
    });
  } finally {
    io.signal.removeEventListener('abort', onInterrupt);
    display.stop();
  }
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
    const connection = connect(target, request.options, io.stderr);
    const result = await screen(io, request, target, connection);
    return await finishRun({
      io,
      request,
      target,
      connection,
      result,
      wallTimeMs: performance.now() - started,
    });
  } catch (error) {
    io.stderr.write(`${fatalMessage(error, target)}\n`);
    return ExitCode.Fatal;
  } finally {
    await target.sandboxes?.close();
  }
}
