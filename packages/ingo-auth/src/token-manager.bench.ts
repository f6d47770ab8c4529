import { expect, test } from 'vitest';
import { ingoScopes } from './ingo-environment.js';
import { ingoSandbox, sandboxTokenUrl } from './testing/test-helpers.js';
import { createTokenManager, type TokenManager } from './token-manager.js';

// Counts are asserted (they are correctness, not speed); timings are only printed.
function manager(): { tokens: TokenManager; sandbox: ReturnType<typeof ingoSandbox> } {
  const sandbox = ingoSandbox();
  const tokens = createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
    fetch: sandbox.fetch,
  });
  return { tokens, sandbox };
}

test('10,000 concurrent getToken() calls on a cold cache send exactly 1 token request', async ({ bench }) => {
  const requestCounts: number[] = [];
  const warm = manager();
  await warm.tokens.getToken();
  const results = await bench.compare(
    bench('10,000 concurrent getToken(), warm cache', async () => {
      await Promise.all(Array.from({ length: 10_000 }, () => warm.tokens.getToken()));
    }),
    bench('10,000 concurrent getToken(), cold cache', async () => {
      const { tokens, sandbox } = manager();
      await Promise.all(Array.from({ length: 10_000 }, () => tokens.getToken()));
      requestCounts.push(sandbox.stats.count('POST /connect/token'));
    }),
    { iterations: 20, time: 0, warmupIterations: 2 },
  );
  expect(new Set(requestCounts)).toEqual(new Set([1]));
  expect(warm.tokens.stats.tokenRequests).toBe(1);
  console.log(
    `cold stampede: ${requestCounts.length} runs of 10,000 concurrent callers, token requests per run: ${[...new Set(requestCounts)].join(', ')}; ` +
      `mean ${results.get('10,000 concurrent getToken(), cold cache').latency.mean.toFixed(2)} ms per run ` +
      `(warm cache: ${results.get('10,000 concurrent getToken(), warm cache').latency.mean.toFixed(2)} ms)`,
  );
});

test('cached getToken() against a plain Map.get of the same token', async ({ bench }) => {
  const { tokens } = manager();
  const cached = await tokens.getToken();
  const map = new Map([['token', cached]]);
  const results = await bench.compare(
    bench('Map.get', () => {
      map.get('token');
    }),
    bench('getToken() (cache hit, promise not awaited)', () => {
      void tokens.getToken();
    }),
    bench('await Promise.resolve(Map.get)', async () => {
      await Promise.resolve(map.get('token'));
    }),
    bench('await getToken() (cache hit)', async () => {
      await tokens.getToken();
    }),
    { time: 300, warmupTime: 100 },
  );
  const mean = (name: Parameters<typeof results.get>[0]) => results.get(name).latency.mean * 1e6;
  const plain = mean('Map.get');
  const hit = mean('getToken() (cache hit, promise not awaited)');
  const awaitedPlain = mean('await Promise.resolve(Map.get)');
  const awaitedHit = mean('await getToken() (cache hit)');
  console.log(
    `cached getToken(): ${hit.toFixed(1)} ns vs Map.get ${plain.toFixed(1)} ns -> ${(hit / plain).toFixed(2)}x; ` +
      `awaited: ${awaitedHit.toFixed(1)} ns vs ${awaitedPlain.toFixed(1)} ns -> ${(awaitedHit / awaitedPlain).toFixed(2)}x`,
  );
  expect(tokens.stats.tokenRequests).toBe(1);
});
