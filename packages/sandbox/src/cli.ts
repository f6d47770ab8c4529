#!/usr/bin/env node
// `npx @bridgekit/sandbox`: both sandboxes on 127.0.0.1 for curl, Postman or another language's tests.
import { flagHelp, parseCliArguments, UsageError } from './cli/cli-arguments.js';
import { runSandboxes } from './cli/run-sandboxes.js';

async function main(): Promise<number> {
  const args = parseCliArguments(process.argv.slice(2));
  if (args.help) {
    const width = Math.max(...flagHelp.map(([flag]) => flag.length));
    const lines = flagHelp.map(([flag, meaning]) => `  ${flag.padEnd(width)}  ${meaning}`);
    process.stdout.write(`Usage: bridgekit-sandbox [flags]\n\n${lines.join('\n')}\n`);
    return 0;
  }
  const { summary, close } = await runSandboxes(args);
  // Indented for people, one line for scripts (`--json`).
  const printed = args.json
    ? JSON.stringify(summary)
    : `${JSON.stringify(summary, null, 2)}\nCtrl-C stops both.`;
  process.stdout.write(`${printed}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      // Stops within a second even if a client holds a connection open.
      setTimeout(() => process.exit(0), 1000).unref();
      void close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError;
    process.stderr.write(`bridgekit-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    if (usage) process.stderr.write('Run bridgekit-sandbox --help for the flags.\n');
    process.exit(usage ? 2 : 1);
  },
);
