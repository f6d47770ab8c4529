import { createIngoClient } from '@bridgekit/ingo-auth';
import { createIngoSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, expect, test } from 'vitest';
import { runPool } from './support/deadline.js';
import { ingoSandboxClient, tokenManagerAt } from './support/ingo-setup.js';
import { collectError } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { describeError } from './support/outcome.js';
import { recordRow } from './support/table-row.js';

let running: RunningSandbox | undefined;
afterAll(async () => {
  await running?.close();
});

test('Expiry under load: 3 s tokens, 300 ms token latency, 50 callers for 5 s: no call waits on the token endpoint', async ({
  task,
}) => {
  const sandbox = createIngoSandbox({
    clients: [ingoSandboxClient],
    tokenTtlSeconds: 3,
    faults: { routes: { '/connect/token': { latency: 300 } } },
  });
  running = await sandbox.listen();
  const tokens = tokenManagerAt(`${running.url}/connect/token`);
  const ingo = createIngoClient({ tokens, baseUrl: running.url });
  // The first token is waited for by definition; what is measured starts once it is there.
  await tokens.getToken();
  const before = tokens.stats;
  const end = performance.now() + 5000;
  const failures: string[] = [];
  let calls = 0;
  let slowest = 0;
  await runPool(50, 50, async (caller) => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await ingo.identityScore({ emailAddress: `expiry${caller}@example.com` });
        calls += 1;
      } catch (error) {
        collectError(error);
        failures.push(describeError(error));
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
  });
  const after = tokens.stats;
  const waited = after.waits - before.waits;
  recordRow(task, {
    section: 'Expiry',
    fault: '3 s tokens, 300 ms token latency, 50 callers x 5 s',
    outcome: `${calls} calls, ${waited} waited on the token endpoint (${after.waitsOnRefresh} on a refresh), ${after.backgroundRefreshes} background refreshes, ${ingo.stats.authenticationRetries} 401 resends, slowest call ${Math.round(slowest)} ms, ${failures.length} failures`,
    retries: ingo.stats.retries,
    lost: failures.length,
    tokenRequests: after.tokenRequests,
  });
  expect(failures.slice(0, 5)).toEqual([]);
  expect(after.backgroundRefreshes).toBeGreaterThanOrEqual(1);
  expect(waited).toBe(0);
  expect(after.waitsOnRefresh).toBe(0);
  expect(ingo.stats.authenticationRetries).toBe(0);
}, 30_000);

leakAuditTest('expiry', { expectErrors: false });
