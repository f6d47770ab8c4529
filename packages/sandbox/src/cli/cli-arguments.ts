import { parseArgs } from 'node:util';
import { closestName } from '@bridgekit/errors';

/** What `bridgekit-sandbox` was asked to do. */
export interface CliArguments {
  readonly intendPort: number;
  readonly ingoPort: number;
  readonly clients: number;
  readonly pageSize: number;
  readonly latency: number;
  readonly seed: number;
  readonly json: boolean;
  readonly help: boolean;
}

/** A command line the program refuses: exit 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** @internal Every flag, as `--help` lists it. */
export const flagHelp: ReadonlyArray<readonly [flag: string, meaning: string]> = [
  ['--intend-port <n>', 'Intend port (default: free)'],
  ['--ingo-port <n>', 'Ingo port (default: free)'],
  ['--clients <n>', 'client records (default 240)'],
  ['--page-size <n>', 'records a page (default 50)'],
  ['--latency <ms>', 'delay per answer (default 0)'],
  ['--seed <n>', 'data and fault seed (default 1)'],
  ['--json', 'one JSON line for scripts'],
  ['--help', 'print this help'],
];

const numbers = {
  'intend-port': [0, 65_535, 0],
  'ingo-port': [0, 65_535, 0],
  clients: [0, 1_000_000, 240],
  'page-size': [1, 10_000, 50],
  latency: [0, 60_000, 0],
  seed: [0, 2 ** 31 - 1, 1],
} as const;

function numberFlag(name: keyof typeof numbers, text: string | undefined): number {
  const [minimum, maximum, fallback] = numbers[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > maximum) {
    throw new UsageError(`--${name} takes a whole number from ${minimum} to ${maximum}, not '${text}'`);
  }
  return value;
}

/** Reads the command line; a flag it does not know, or a bad value, is a `UsageError` naming the fix. */
export function parseCliArguments(args: readonly string[]): CliArguments {
  const options = {
    ...Object.fromEntries(Object.keys(numbers).map((name) => [name, { type: 'string' as const }])),
    json: { type: 'boolean' as const },
    help: { type: 'boolean' as const },
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }));
  } catch (error) {
    const given = /'(--?[\w-]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? String(args[0]);
    const flags = flagHelp.map(([flag]) => flag.split(' ')[0] as string);
    // A known flag without its value (or with a negative one, which reads as another flag).
    if (flags.includes(given)) throw new UsageError(`${given} needs a value: a whole number from 0`);
    const closest = closestName(given, flags);
    throw new UsageError(`Unknown flag ${given}${closest ? `: did you mean ${closest}?` : ''}`);
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    intendPort: numberFlag('intend-port', text('intend-port')),
    ingoPort: numberFlag('ingo-port', text('ingo-port')),
    clients: numberFlag('clients', text('clients')),
    pageSize: numberFlag('page-size', text('page-size')),
    latency: numberFlag('latency', text('latency')),
    seed: numberFlag('seed', text('seed')),
    json: values['json'] === true,
    help: values['help'] === true,
  };
}
