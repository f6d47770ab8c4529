import { parseArgs } from 'node:util';
import { ConfigurationError } from '@bridgekit/errors';

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
}

export const helpText = `Usage: pnpm demo [options]

Screens every Intend client with an Ingo identity score and writes a report.
With no INTEND_* / INGO_* variables it runs against embedded sandboxes on 127.0.0.1.

Options:
  --limit N                 screen at most N clients
  --concurrency N           Ingo calls in flight at once (default 8)
  --out DIR                 where reports and checkpoints go (default out)
  --json                    print the summary as JSON on stdout (progress goes to stderr)
  --resume FILE             continue an interrupted run from its checkpoint file
  --clients N               sandbox mode: how many Intend clients to seed (default 240)
  --sandbox-latency MS      sandbox mode: latency added to every sandbox answer (default 0)
  --sandbox-fault-rate R    sandbox mode: share of API answers that fail, 0 to 1 (default 0)
  --help                    show this text

Live mode reads these from the environment or a .env file:
  INTEND_BASE_URL, INTEND_API_KEY, INTEND_SECRET_KEY, INTEND_SIGNATURE_SCHEME (optional)
  INGO_CLIENT_ID, INGO_CLIENT_SECRET, INGO_ENVIRONMENT (uat | production)
    or INGO_TOKEN_URL and INGO_API_URL, INGO_SCOPE (optional), INGO_AUTH_METHOD (basic | body)
`;

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

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ConfigurationError({
      option: 'command line',
      expected: 'the options listed by --help',
      hint: error instanceof Error ? error.message : '',
    });
  }
  const { values } = parsed;
  const faultRate = values['sandbox-fault-rate'] === undefined ? 0 : Number(values['sandbox-fault-rate']);
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1) {
    throw new ConfigurationError({
      option: '--sandbox-fault-rate',
      expected: 'a number from 0 to 1',
      received: values['sandbox-fault-rate'],
    });
  }
  return {
    help: values.help ?? false,
    limit: values.limit === undefined ? undefined : integer('limit', values.limit, 0, 1),
    concurrency: integer('concurrency', values.concurrency, 8, 1),
    out: values.out ?? 'out',
    json: values.json ?? false,
    sandboxLatency: integer('sandbox-latency', values['sandbox-latency'], 0, 0),
    sandboxFaultRate: faultRate,
    clients: integer('clients', values.clients, 240, 0),
    resume: values.resume,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      'sandbox-latency': { type: 'string' },
      'sandbox-fault-rate': { type: 'string' },
      clients: { type: 'string' },
      resume: { type: 'string' },
    },
  });
}
