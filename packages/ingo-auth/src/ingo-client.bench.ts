import { expect, test } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import { ingoScopes } from './ingo-environment.js';
import { createClock, ingoSandbox, sandboxBaseUrl, sandboxTokenUrl } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';

// A clock shared by the sandbox and the manager, moved on by every call, makes "three token
// expiries" exact: 2,000 calls x 100 ms of virtual time = 200 s = 3.3 lifetimes of 60 s.
const calls = 2000;
const concurrency = 50;
const tokenTtlSeconds = 60;
const stepMilliseconds = 100;

async function run() {
  const clock = createClock();
  const sandbox = ingoSandbox({ now: clock.now, tokenTtlSeconds });
  const tokens = createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.checkMakerScore,
    fetch: sandbox.fetch,
    now: clock.now,
  });
  const ingo = createIngoClient({ tokens, baseUrl: sandboxBaseUrl, fetch: sandbox.fetch });
  await ingo.checkMakerScore({ aba: '021000021', accountNumber: 'warm-up' });
  const afterWarmUp = tokens.stats;
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next;
      next += 1;
      clock.advance(stepMilliseconds);
      await ingo.checkMakerScore({ aba: '021000021', accountNumber: String(index) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const stats = tokens.stats;
  return {
    expiries: Math.floor((calls * stepMilliseconds) / (tokenTtlSeconds * 1000)),
    tokenRequests: sandbox.stats.count('POST /connect/token'),
    waitsOnRefreshAfterWarmUp: stats.waitsOnRefresh - afterWarmUp.waitsOnRefresh,
    waitsAfterWarmUp: stats.waits - afterWarmUp.waits,
    backgroundRefreshes: stats.backgroundRefreshes,
    apiRequests: sandbox.stats.count('POST /check-maker/score'),
  };
}

/** The same workload with plain fetch and one token fetched up front: what the client's overhead is measured against. */
async function baseline() {
  const sandbox = ingoSandbox();
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: ingoScopes.checkMakerScore });
  const tokenResponse = await sandbox.fetch(sandboxTokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa('demo-client:demo-secret')}`,
    },
    body: form.toString(),
  });
  const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next;
      next += 1;
      const response = await sandbox.fetch(`${sandboxBaseUrl}/check-maker/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ aba: '021000021', accountNumber: String(index) }),
      });
      await response.json();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

test('2,000 API calls at concurrency 50 across 3 token expiries', async ({ bench }) => {
  const outcomes: Awaited<ReturnType<typeof run>>[] = [];
  const clientName = 'ingo client: 60 s tokens on a moving clock';
  const baselineName = 'baseline: plain fetch, one token';
  const results = await bench.compare(
    bench(baselineName, baseline),
    bench(clientName, async () => {
      outcomes.push(await run());
    }),
    { iterations: 10, time: 0, warmupIterations: 1 },
  );
  for (const outcome of outcomes) {
    expect(outcome.expiries).toBe(3);
    expect(outcome.tokenRequests).toBeLessThanOrEqual(outcome.expiries + 1);
    expect(outcome.waitsOnRefreshAfterWarmUp).toBe(0);
    expect(outcome.waitsAfterWarmUp).toBe(0);
    expect(outcome.apiRequests).toBe(calls + 1);
  }
  const last = outcomes.at(-1);
  const clientMs = results.get(clientName).latency.mean;
  const baselineMs = results.get(baselineName).latency.mean;
  console.log(
    `${calls} calls at concurrency ${concurrency} over ${last?.expiries} token expiries: ` +
      `token requests ${[...new Set(outcomes.map((outcome) => outcome.tokenRequests))].join('/')} ` +
      `(background refreshes ${last?.backgroundRefreshes}), callers blocked on a refresh after warm-up: ` +
      `${[...new Set(outcomes.map((outcome) => outcome.waitsOnRefreshAfterWarmUp))].join('/')}; ` +
      `${clientMs.toFixed(1)} ms per run (${((calls / clientMs) * 1000).toFixed(0)} calls/s in-process), ` +
      `baseline ${baselineMs.toFixed(1)} ms -> ${(clientMs / baselineMs).toFixed(2)}x the baseline's time`,
  );
});
