import { ExitCode, runDemo } from './run-demo.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // The first Ctrl-C stops cleanly (partial report and checkpoint); a second one does not wait.
  if (interrupts > 1) process.exit(ExitCode.Interrupted);
  controller.abort();
});

process.exitCode = await runDemo({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
