import { execFile } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetSandbox, memberOf } from './testing/fleet-run.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

const entry = fileURLToPath(new URL('./testing/fleet-member-entry.ts', import.meta.url));
let server: RedisServer;
let running: RunningSandbox | undefined;

beforeAll(async () => {
  server = await startRedisServer();
}, 600_000);
afterAll(async () => {
  await running?.close();
  await server?.stop();
});

/** One process that gets a token, quits Redis at once and exits; how long getToken() took in it. */
async function script(keyPrefix: string): Promise<number> {
  if (!running) throw new Error('no sandbox');
  const config = memberOf(running, 'node-redis', { redisUrl: server.url, keyPrefix });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--no-warnings', entry, './short-lived-script.ts'],
    {
      env: { ...process.env, FLEET_MEMBER: JSON.stringify(config) },
    },
  );
  return (JSON.parse(stdout) as { ms: number }).ms;
}

async function keys(pattern: string): Promise<string[]> {
  const redis = await createClient({ url: server.url }).connect();
  try {
    return await redis.keys(pattern);
  } finally {
    await redis.close();
  }
}

describe('short-lived processes that quit Redis right after their call', () => {
  it('three in a row: one token request, no waiting, the token stored and no lock left', async () => {
    const started = await fleetSandbox(3600, 200);
    running = started.running;
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) times.push(await script('row:'));
    process.stdout.write(`three in a row: getToken() took ${times.map(Math.round).join(', ')} ms\n`);
    expect(started.tokenRequests()).toBe(1);
    // The first waited for the token endpoint (200 ms); the others read the store.
    expect(Math.max(...times)).toBeLessThan(1000);
    expect(await keys('row:*:lock')).toEqual([]);
    expect(await keys('row:*:token')).toHaveLength(1);
    await running.close();
    running = undefined;
  }, 60_000);

  it('five at once from an empty Redis: one token request, each well under a second, no lock left', async () => {
    const started = await fleetSandbox(3600, 200);
    running = started.running;
    const times = await Promise.all([1, 2, 3, 4, 5].map(() => script('together:')));
    process.stdout.write(`five at once: getToken() took ${times.map(Math.round).join(', ')} ms\n`);
    expect(started.tokenRequests()).toBe(1);
    expect(Math.max(...times)).toBeLessThan(1000);
    expect(await keys('together:*:lock')).toEqual([]);
    expect(await keys('together:*:token')).toHaveLength(1);
  }, 60_000);
});

describe('shutdown while the token endpoint hangs', () => {
  it('close() aborts the request: the call rejects with AbortError, no lock is left, the process exits at once', async () => {
    // Accepts every connection and never answers.
    const sockets: Socket[] = [];
    const hung = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as { port: number };
    try {
      const config = {
        ...memberOf({ url: `http://127.0.0.1:${port}` } as RunningSandbox, 'node-redis'),
        redisUrl: server.url,
        keyPrefix: 'shutdown:',
      };
      const started = performance.now();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--no-warnings', entry, './shutdown-script.ts'],
        { env: { ...process.env, FLEET_MEMBER: JSON.stringify(config) } },
      );
      const elapsed = performance.now() - started;
      const report = JSON.parse(stdout) as {
        outcome: { name: string; message: string };
        closeMs: number;
        timers: string[];
        exitMs: number;
      };
      process.stdout.write(
        `shutdown with a hung token endpoint: close() took ${Math.round(report.closeMs)} ms, ` +
          `the process exited ${Math.round(report.exitMs)} ms after; ${Math.round(elapsed)} ms in all\n`,
      );
      expect(report.outcome).toEqual({ name: 'AbortError', message: expect.stringMatching(/was closed/) });
      // No timer (a retry's backoff, a lock renewal, a store timeout) is left to hold the process,
      // so it exits as its last line ran: checked as a fact, and the time printed above, since a
      // loaded machine's clock proves nothing either way.
      expect(report.timers).toEqual([]);
      expect(await keys('shutdown:*:lock')).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  }, 60_000);
});
