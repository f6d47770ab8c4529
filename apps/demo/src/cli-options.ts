import { parseArgs } from 'node:util';
import { ConfigurationError, closestName } from '@bridgekit/errors';

export interface CliOptions {
  readonly help: boolean;
  readonly limit: number | undefined;
  readonly concurrency: number;
  readonly out: string;
  readonly json: boolean;
  readonly sandboxLatency: number;
  readonly sandboxFaultRate: number;
  readonly clients: number;
  readonly resume: string | undefined;
  readonly retryFailed: string | undefined;
  readonly verbose: boolean;
}

export const helpText = `Usage: pnpm demo [options]

Screens every Intend client with an Ingo identity score and writes a report (CSV, JSON and an
HTML page). With no INTEND_* / INGO_* variables it runs against embedded sandboxes on 127.0.0.1.

Options:
  --limit N                 screen at most N clients
  --concurrency N           Ingo calls in flight at once (default 8)
  --out DIR                 where reports and checkpoints go (default out)
  --json                    print the summary as JSON on stdout (progress goes to stderr)
  --resume FILE             continue an interrupted run from its checkpoint file
  --retry-failed FILE       rescore only the failed rows of an earlier JSON report
  --verbose                 log every request and token fetched to stderr (debug; no secret in it)
  --clients N               sandbox mode: how many Intend clients to seed (default 240)
  --sandbox-latency MS      sandbox mode: latency added to every sandbox answer (default 0)
  --sandbox-fault-rate R    sandbox mode: share of API answers that fail, 0 to 1 (default 0)
  --help                    show this text

Live mode reads these from the environment or a .env file:
  INTEND_BASE_URL, INTEND_API_KEY, INTEND_SECRET_KEY, INTEND_SIGNATURE_SCHEME (optional)
  INGO_CLIENT_ID, INGO_CLIENT_SECRET, INGO_ENVIRONMENT (uat | production)
    or INGO_TOKEN_URL and INGO_API_URL, INGO_SCOPE (optional), INGO_AUTH_METHOD (basic | body)
`;

const optionDefinitions = {
  help: { type: 'boolean', short: 'h' },
  limit: { type: 'string' },
  concurrency: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  resume: { type: 'string' },
  'retry-failed': { type: 'string' },
  clients: { type: 'string' },
  'sandbox-latency': { type: 'string' },
  'sandbox-fault-rate': { type: 'string' },
} as const;

const knownFlags = Object.keys(optionDefinitions).map((name) => `--${name}`);

function integer(flag: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum) {
    throw new ConfigurationError({
      option: `--${flag}`,
      expected: `a whole number of at least ${minimum}`,
      received: text,
    });
  }
  return value;
}

function faultRate(text: string | undefined): number {
  const rate = text === undefined ? 0 : Number(text);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigurationError({
      option: '--sandbox-fault-rate',
      expected: 'a number from 0 to 1',
      received: text,
    });
  }
  return rate;
}

/** Names the first flag this demo does not know, with the known one it most likely meant. */
function rejectUnknownFlags(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], options: optionDefinitions, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new ConfigurationError({ option: token.value, expected: 'a flag: this demo takes no arguments' });
    }
    if (token.kind !== 'option' || token.name in optionDefinitions) continue;
    const suggestion = closestName(`--${token.name}`, knownFlags);
    throw new ConfigurationError({
      option: token.rawName,
      expected: 'one of the options listed by --help',
      ...(suggestion ? { hint: `Did you mean ${suggestion}?` } : {}),
    });
  }
}

function parse(argv: readonly string[]) {
  rejectUnknownFlags(argv);
  try {
    return parseArgs({ args: [...argv], options: optionDefinitions, strict: true, allowPositionals: false });
  } catch (error) {
    // A known flag used wrongly (`--limit` with no value): Node's own sentence says how.
    throw new ConfigurationError({
      option: 'command line',
      expected: 'the options listed by --help',
      hint: error instanceof Error ? error.message : '',
    });
  }
}

/**
Parses the demo's flags. A leading `--` is dropped: `pnpm demo -- --limit 5` and `npm run demo --
--limit 5` pass it on, and it means nothing here.
*/
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parse(argv[0] === '--' ? argv.slice(1) : argv);
  if (values.resume !== undefined && values['retry-failed'] !== undefined) {
    throw new ConfigurationError({
      option: '--resume and --retry-failed',
      expected:
        'one of the two: --resume finishes an interrupted run, --retry-failed rescores a finished one',
    });
  }
  return {
    help: values.help ?? false,
    limit: values.limit === undefined ? undefined : integer('limit', values.limit, 0, 1),
    concurrency: integer('concurrency', values.concurrency, 8, 1),
    out: values.out ?? 'out',
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    sandboxLatency: integer('sandbox-latency', values['sandbox-latency'], 0, 0),
    sandboxFaultRate: faultRate(values['sandbox-fault-rate']),
    clients: integer('clients', values.clients, 240, 0),
    resume: values.resume,
    retryFailed: values['retry-failed'],
  };
}
