import type { RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalProxy } from './testing/arrival-proxy.js';
import { type Fleet, type FleetMember, startFleet } from './testing/fleet.js';
import { fleetSandbox, memberOf } from './testing/fleet-run.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';

// Default manager settings: the lock's lease is 3 s, renewed every second while its holder lives
// (before, it lived timeout + storeTimeout: 31 s).
const lease = 3000;
const latency = 1000;
const longestPoll = 200;

let server: RedisServer;
let running: RunningSandbox | undefined;
let proxy: { url: string; close(): Promise<void> } | undefined;
let fleet: Fleet | undefined;
beforeAll(async () => {
  server = await startRedisServer();
}, 600_000);
afterAll(async () => {
  await fleet?.close();
  await proxy?.close();
  await running?.close();
  await server?.stop();
});

describe('a lock holder killed with SIGKILL in the middle of its token request', () => {
  it('costs the fleet at most one lease (3 s) and one extra request, not one per process', async () => {
    const started = await fleetSandbox(3600, latency);
    running = started.running;
    let holder: FleetMember | undefined;
    let killedAt = 0;
    let arrived = false;
    // The first token request is the lock holder's: kill it once that request reached the sandbox
    // (the member's word of it and the request itself may come in either order).
    const killHolder = () => {
      const sender = fleet?.tokenRequests[0]?.member;
      if (holder || !arrived || sender === undefined) return;
      holder = fleet?.members.find((member) => member.index === sender);
      killedAt = performance.now();
      holder?.kill();
    };
    proxy = await arrivalProxy(running.url, () => {
      arrived = true;
      killHolder();
    });
    const shared = { ...running, url: proxy.url };
    fleet = await startFleet(8, () =>
      memberOf(shared, 'ioredis', { redisUrl: server.url, keyPrefix: 'death:' }),
    );
    fleet.onTokenRequest = killHolder;
    const answers = fleet.members.map((member) =>
      member.ask({ type: 'token' }).then(
        (reply) => ({
          member,
          fingerprint: reply.fingerprint,
          storeErrors: reply.storeErrors,
          at: performance.now(),
        }),
        () => undefined,
      ),
    );
    const survivors = (await Promise.all(answers)).filter((answer) => answer !== undefined);
    const took = Math.max(...survivors.map((answer) => answer.at)) - killedAt;
    process.stdout.write(
      `lock holder killed: ${survivors.length} survivors got one token ${Math.round(took)} ms later, ` +
        `${started.tokenRequests()} token requests in all; store errors seen: ${survivors.map((answer) => answer.storeErrors).join(' ')}\n`,
    );

    expect(survivors).toHaveLength(7);
    expect(survivors.map((answer) => answer.member)).not.toContain(holder);
    expect(new Set(survivors.map((answer) => answer.fingerprint)).size).toBe(1);
    // The dead holder's request (the sandbox answered it to no one) and the one that took over.
    expect(started.tokenRequests()).toBe(2);
    expect(fleet.tokenRequests).toHaveLength(2);
    // The lock outlived its holder by what was left of its lease (the holder took it just before its
    // request, and died before its first renewal); one poll later a waiter had it, then its request.
    expect(took).toBeGreaterThanOrEqual(lease - 1000);
    expect(took).toBeLessThan(lease + longestPoll + latency + 800);
  }, 60_000);
});
