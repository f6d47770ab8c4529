import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxServer, type RunningSandbox } from './sandbox-server.js';
import { createSeededRandom } from './seeded-random.js';

const sandbox = createSandboxServer({
  random: createSeededRandom(7),
  faults: undefined,
  errorResponse: (status, message) => Response.json({ status, message }, { status }),
  routes(app) {
    app.get('/items', (context) => context.json({ items: Array.from({ length: 100 }, (_, index) => index) }));
  },
});

let running: RunningSandbox;
beforeAll(async () => {
  running = await sandbox.listen();
});
afterAll(async () => {
  await running.close();
});

describe('shared sandbox server over loopback', () => {
  it('serves on 127.0.0.1 and counts by route and status', async () => {
    sandbox.stats.reset();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/items`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: number[] }).items).toHaveLength(100);
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
    expect(sandbox.stats.count('GET /items', 200)).toBe(1);
    expect(sandbox.stats.count('/nope', 404)).toBe(1);
    expect(sandbox.stats.requests).toBe(2);
  });

  it('injects statuses with Retry-After, then recovers', async () => {
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 2, route: '/items' });
    const limited = await fetch(`${running.url}/items`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${running.url}/items`)).status).toBe(200);
  });

  it('drops connections', async () => {
    sandbox.injectFault({ kind: 'drop' });
    await expect(fetch(`${running.url}/items`)).rejects.toThrow(TypeError);
    expect((await fetch(`${running.url}/items`)).status).toBe(200);
  });

  it('truncates bodies and sends malformed JSON', async () => {
    sandbox.injectFault({ kind: 'truncated-body' });
    const truncated = await fetch(`${running.url}/items`);
    await expect(truncated.text()).rejects.toThrow();
    sandbox.injectFault({ kind: 'malformed-json' });
    const malformed = await fetch(`${running.url}/items`);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    expect(sandbox.stats.faults).toMatchObject({ 'truncated-body': 1, 'malformed-json': 1 });
  });

  it('answers with a redirect it does not itself follow', async () => {
    sandbox.injectFault({
      kind: 'redirect',
      status: 307,
      location: 'http://127.0.0.1:9/elsewhere',
      route: '/items',
    });
    const redirected = await fetch(`${running.url}/items`, { redirect: 'manual' });
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere');
    expect(sandbox.stats.faults).toMatchObject({ redirect: 1 });
    expect((await fetch(`${running.url}/items`)).status).toBe(200);
  });

  it('streams an endless body, plain or gzip, only as fast as it is read', async () => {
    for (const encoding of [undefined, 'gzip'] as const) {
      sandbox.injectFault({ kind: 'endless-body', encoding, route: '/items' });
      const response = await fetch(`${running.url}/items`);
      expect(response.headers.get('content-encoding')).toBe(encoding ?? null);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let size = 0;
      while (size < 1024 * 1024) size += (await reader.read()).value?.byteLength ?? 0;
      await reader.cancel();
    }
    expect(sandbox.stats.faults).toMatchObject({ 'endless-body': 2 });
    expect((await fetch(`${running.url}/items`)).status).toBe(200);
  });

  it('in-process fetch behaves the same', async () => {
    sandbox.injectFault({ kind: 'drop', times: 1, after: 1 });
    expect((await sandbox.fetch('http://sandbox.test/items')).status).toBe(200);
    await expect(sandbox.fetch('http://sandbox.test/items')).rejects.toThrow(TypeError);
  });

  it('random rates are reproducible from the seed', async () => {
    const run = async () => {
      const seeded = createSandboxServer({
        random: createSeededRandom(42),
        faults: { errorRate: 0.5 },
        errorResponse: (status) => new Response(null, { status }),
        routes: (app) => app.get('/x', (context) => context.text('ok')),
      });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index += 1)
        statuses.push((await seeded.fetch('http://s.test/x')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(3);
  });
});
