import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited } from './child-exit.js';

/** A redis-server this test process started, on 127.0.0.1 and a port of its own. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** The process id of the running server (a new one after `start()`). */
  readonly pid: number;
  /** Stops the server by its process id (SIGTERM, then SIGKILL); `crash` kills it at once. */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same port, empty (nothing is saved). */
  start(): Promise<void>;
}

const installHint =
  'The token-store-redis tests need a local redis-server (it is started on 127.0.0.1 for the tests ' +
  'and stopped afterwards). Install it: `sudo apt-get install -y redis-server` (Debian, Ubuntu), ' +
  '`brew install redis` (macOS) or `sudo dnf install -y redis` (Fedora), then run the tests again.';

// Servers started by test processes, so that one left behind by a crashed run is stopped by the next.
const registry = join(tmpdir(), 'bridgekit-redis-servers');

function redisServerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/**
The path of redis-server, installed with apt-get when it is missing and this process runs as
root on a Debian-like system; otherwise an error that says what to install. `flock` keeps test
files that start at the same moment from running apt-get twice.
*/
export function ensureRedisServer(): string {
  const present = redisServerPath();
  if (present) return present;
  const canInstall =
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get && command -v flock']).status === 0;
  if (!canInstall) throw new Error(installHint);
  const install = spawnSync(
    'flock',
    [
      join(tmpdir(), 'bridgekit-redis-install.lock'),
      'sh',
      '-c',
      'command -v redis-server >/dev/null || { apt-get update && apt-get install -y --no-install-recommends redis-server; }',
    ],
    { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 },
  );
  const installed = redisServerPath();
  if (install.status !== 0 || !installed) {
    throw new Error(
      `apt-get could not install redis-server (${install.stderr.trim().slice(-500)}). ${installHint}`,
    );
  }
  return installed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops servers whose test process died without stopping them; checks the pid is still a redis-server. */
function stopOrphans(): void {
  mkdirSync(registry, { recursive: true });
  for (const entry of readdirSync(registry)) {
    const [serverPid, ownerPid] = entry.split('-').map(Number);
    if (serverPid === undefined || ownerPid === undefined || isAlive(ownerPid)) continue;
    try {
      if (readFileSync(`/proc/${serverPid}/cmdline`, 'utf8').includes('redis-server')) {
        process.kill(serverPid, 'SIGKILL');
      }
    } catch {
      // Already gone.
    }
    rmSync(join(registry, entry), { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

async function untilReady(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}: ${output().slice(-1000)}`);
}

/**
Starts redis-server on 127.0.0.1 and a free port, with nothing saved (`--save ''`,
`--appendonly no`, then `extraArgs`). It is stopped by its process id by `stop()`, and when this process exits
whatever the reason short of SIGKILL; a server left by a test process that was killed is stopped
by the next start.
*/
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const binary = ensureRedisServer();
  stopOrphans();
  const port = await freePort();
  let child: ChildProcess | undefined;
  let registered = '';
  const killNow = () => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killNow);

  const start = async () => {
    let output = '';
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...extraArgs,
    ];
    const started = spawn(binary, [...args, '--dir', tmpdir(), '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child = started;
    if (started.pid === undefined) throw new Error(`redis-server could not be started. ${installHint}`);
    registered = join(registry, `${started.pid}-${process.pid}`);
    writeFileSync(registered, '');
    await untilReady(port, started, () => output);
  };

  const stop = async ({ crash = false } = {}) => {
    const running = child;
    if (!running || running.pid === undefined) return;
    if (!(await exited(running, 0))) {
      process.kill(running.pid, crash ? 'SIGKILL' : 'SIGTERM');
      if (!(await exited(running, 5000))) process.kill(running.pid, 'SIGKILL');
      await exited(running, 5000);
    }
    rmSync(registered, { force: true });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid ?? -1;
    },
    async stop(options) {
      await stop(options);
      process.removeListener('exit', killNow);
    },
    async start() {
      process.once('exit', killNow);
      await start();
    },
  };
}
