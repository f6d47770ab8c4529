// Runs commands for the release, runtime and README checks: each command's failure stops the check
// with its output, and every server a check starts is stopped by its process id, whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to completion; throws with its output when it exits non-zero. Returns stdout. */
export function run(command, args, { cwd, env = process.env, quiet = false, input } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [input === undefined ? 'ignore' : 'pipe', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : '';
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}) in ${cwd}${output}`,
    );
  }
  return result.stdout ?? '';
}

/**
Runs `[{command, args, cwd}]` jobs `concurrency` at a time, quietly; rejects with the output of
every job that failed, once all have ended.
*/
export async function runConcurrently(jobs, concurrency = 2) {
  const queue = [...jobs];
  const failures = [];
  const runOne = ({ command, args, cwd }) =>
    new Promise((resolve) => {
      const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
      child.once('error', (error) => resolve(`\`${command}\` failed to start in ${cwd}: ${error.message}`));
      child.once('close', (code) =>
        resolve(
          code === 0
            ? undefined
            : `\`${command} ${args.join(' ')}\` failed (exit ${code}) in ${cwd}\n${output}`,
        ),
      );
    });
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const failure = await runOne(job);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();
// Each server runs in a process group of its own, killed as a whole: a launcher script's child
// (or a server's own workers) never outlives it.
const killQuietly = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
};
// A check that throws or is interrupted still leaves no server behind.
process.once('exit', () => {
  for (const pid of running) killQuietly(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/**
Starts a long-running process and resolves once `ready(output)` returns something truthy for its
output so far (stdout and stderr together), with `{value, pid, stop, output}`. `stop()` ends it by
its process (group) id: SIGTERM, then SIGKILL after 5 s. It rejects when the process exits first or is
not ready within `timeoutMs`.
*/
export function startProcess(command, args, { cwd, env = process.env, ready, timeoutMs = 30_000, name }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killQuietly(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killQuietly(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child.pid);
  };
  let output = '';
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = async (reason) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      await stop();
      reject(new Error(`${name} ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail(`was not ready after ${timeoutMs} ms`), timeoutMs);
    // Read the output for as long as the process lives, so that a full pipe never blocks it.
    const onData = (chunk) => {
      output = (output + chunk).slice(-64 * 1024);
      if (settled) return;
      const value = ready(output);
      if (!value) return;
      settled = true;
      clearTimeout(timer);
      resolve({ value, pid: child.pid, stop, output: () => output });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code, signal) => fail(`exited early (${signal ?? `exit ${code}`})`));
  });
}
