import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../token-store-redis/src/testing/redis-server.js';
import { runDoctor } from './doctor.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer();
}, 120_000);

afterAll(() => server.stop());

async function configSet(name: string, value: string): Promise<void> {
  const client = await createClient({ url: server.url }).connect();
  await client.configSet(name, value);
  await client.close();
}

describe('bridgekit doctor: Redis', () => {
  it('checks a real redis-server: version, eviction, commands, clock and an encrypted round trip', async () => {
    const report = await runDoctor({ env: { REDIS_URL: server.url } });
    expect(report.checks.map((each) => [each.name, each.status])).toEqual([
      ['redis reach', 'ok'],
      ['redis eviction', 'ok'],
      ['redis commands', 'ok'],
      ['redis clock', 'ok'],
      ['redis store', 'ok'],
    ]);
    expect(report.checks[0]?.message).toMatch(/Redis \d+\.\d+\.\d+, standalone/);
    const client = await createClient({ url: server.url }).connect();
    expect(await client.keys('bridgekit-doctor*')).toEqual([]);
    await client.close();
  });

  it('warns of maxmemory-policy allkeys-lru, which can evict a lock', async () => {
    await configSet('maxmemory-policy', 'allkeys-lru');
    try {
      const report = await runDoctor({ env: { REDIS_URL: server.url } });
      expect(report.checks.find((each) => each.name === 'redis eviction')).toMatchObject({ status: 'warn' });
      expect(report.ok).toBe(true);
    } finally {
      await configSet('maxmemory-policy', 'noeviction');
    }
  });

  it('fails a password the server refuses, without printing it', async () => {
    await configSet('requirepass', 'the-right-password');
    try {
      const url = `redis://:a-wrong-password@127.0.0.1:${server.port}`;
      const report = await runDoctor({ env: { REDIS_URL: url } });
      expect(report.checks).toEqual([expect.objectContaining({ name: 'redis reach', status: 'fail' })]);
      expect(report.checks[0]?.message).toMatch(/WRONGPASS|NOAUTH|invalid/i);
      expect(JSON.stringify(report)).not.toContain('a-wrong-password');
    } finally {
      const client = await createClient({
        url: `redis://:the-right-password@127.0.0.1:${server.port}`,
      }).connect();
      await client.configSet('requirepass', '');
      await client.close();
    }
  });
});
