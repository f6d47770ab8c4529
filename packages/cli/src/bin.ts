#!/usr/bin/env node
// `bridgekit doctor`: checks the Intend, Ingo and Redis settings of the environment (and ./.env).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { ConfigurationError, closestName } from '@bridgekit/errors';
import { runDoctor } from './doctor.js';
import { formatReport } from './report-format.js';

const usage = `Usage: bridgekit doctor [--json]

Checks what INTEND_*, INGO_* and REDIS_URL (from the environment, then ./.env) point at:
  Intend  the base URL answers, which signature scheme the tenant accepts, the clock offset
  Ingo    a token with INGO_AUTH_METHOD (and the other method if refused), one API call
  Redis   reachable, version, eviction policy, the commands the store needs, an encrypted round trip

  --json     one JSON object for scripts: {checks: [{name, status, message, fix?}], ok}
  --help     print this help
  --version  print the version
Exit: 0 nothing failed, 1 a check failed, 2 bad usage or nothing configured.`;

const flags = ['json', 'help', 'version'] as const;

/** A command line the program refuses: exit 2 with this message. */
class UsageError extends Error {}

function parse(argv: readonly string[]) {
  const unknown = argv.find(
    (arg) => arg.startsWith('-') && !flags.includes(arg.replace(/^--?/, '') as never),
  );
  if (unknown !== undefined) {
    const near = closestName(unknown.replace(/^--?/, ''), flags);
    throw new UsageError(`Unknown flag ${unknown}${near ? `: did you mean --${near}?` : ''}`);
  }
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { json: { type: 'boolean' }, help: { type: 'boolean' }, version: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [command, ...rest] = positionals;
  if (!values.help && !values.version && (command !== 'doctor' || rest.length > 0)) {
    const near = command === undefined ? undefined : closestName(command, ['doctor']);
    throw new UsageError(
      command === undefined
        ? 'Which command? bridgekit doctor'
        : `Unknown command ${[command, ...rest].join(' ')}${near ? ': did you mean doctor?' : ''}`,
    );
  }
  return values;
}

function environment(): Record<string, string | undefined> {
  // Real variables win over ./.env, as in the demo.
  return existsSync('.env')
    ? { ...parseEnv(readFileSync('.env', 'utf8')), ...process.env }
    : { ...process.env };
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.help) return print(usage);
  if (options.version) {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return print((manifest as { version: string }).version);
  }
  const report = await runDoctor({ env: environment() });
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usageError = error instanceof UsageError || ConfigurationError.isInstance(error);
    process.stderr.write(`bridgekit: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write('Run bridgekit --help for the flags.\n');
    process.exit(usageError ? 2 : 1);
  },
);
