import { isBridgekitError } from '@bridgekit/errors';
import { createIngoClient } from '@bridgekit/ingo-auth';
import { createIngoSandbox, type FaultConfig } from '@bridgekit/sandbox';
import { afterAll, expect, test } from 'vitest';
import { runPool, withDeadline } from './support/deadline.js';
import { ingoSandboxClient, tokenManagerAt } from './support/ingo-setup.js';
import { collectError } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { describeError } from './support/outcome.js';
import { recordRow } from './support/table-row.js';
import { startTokenOutage } from './support/token-outage.js';

const closers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(closers.map((server) => server.close()));
});

async function ingoSandbox(faults: FaultConfig, seed: number) {
  const sandbox = createIngoSandbox({ clients: [ingoSandboxClient], faults, seed });
  const running = await sandbox.listen();
  closers.push(running);
  return { sandbox, url: running.url };
}

/** Failures by class: `3 ServerError, 1 NetworkError`. */
function byClass(errors: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const error of errors) {
    const name = isBridgekitError(error) ? error.name : `untyped ${describeError(error)}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${count} ${name}`).join(', ') || 'none';
}

const apiFaults: ReadonlyArray<readonly [string, FaultConfig]> = [
  ['5xx (500/502/503) at 30%', { errorRate: 0.3 }],
  ['429 with Retry-After: 1 s at 10%', { rateLimitRate: 0.1, retryAfterSeconds: 1 }],
  ['connection destroyed before the answer, 20%', { dropRate: 0.2 }],
  ['connection cut mid-body, 20%', { truncatedBodyRate: 0.2 }],
  ['malformed JSON (200, not JSON) at 10%', { malformedJsonRate: 0.1 }],
];

test.for(apiFaults.map(([name, faults], index) => ({ name, faults, seed: 300 + index })))(
  'Faults: 400 Ingo calls (concurrency 20) under $name: answered or typed, one token request',
  { timeout: 60_000 },
  async ({ name, faults, seed }, { task }) => {
    const { sandbox, url } = await ingoSandbox({ routes: { 'POST /identity/score': faults } }, seed);
    const tokens = tokenManagerAt(`${url}/connect/token`);
    const ingo = createIngoClient({ tokens, baseUrl: url });
    const failures: unknown[] = [];
    let answered = 0;
    await runPool(400, 20, async (index) => {
      try {
        const scores = await ingo.identityScore({ emailAddress: `fault${index}@example.com` });
        if ('emailAddress' in scores) answered += 1;
      } catch (error) {
        collectError(error);
        failures.push(error);
      }
    });
    recordRow(task, {
      section: 'Faults',
      fault: `400 Ingo calls: ${name}`,
      outcome: `${answered} answered; typed failures: ${byClass(failures)}`,
      retries: ingo.stats.retries,
      lost: 400 - answered - failures.length,
      tokenRequests: tokens.stats.tokenRequests,
    });
    expect(failures.filter((error) => !isBridgekitError(error)).map(describeError)).toEqual([]);
    expect(answered + failures.length).toBe(400);
    expect(sandbox.issuedTokens).toBe(1);
  },
);

test('Faults: token endpoint 5xx 30%, drops 10%, cut bodies 10%: 30 forced refreshes get a token or a typed error', async ({
  task,
}) => {
  const { url } = await ingoSandbox(
    { routes: { '/connect/token': { errorRate: 0.3, dropRate: 0.1, truncatedBodyRate: 0.1 } } },
    400,
  );
  const tokens = tokenManagerAt(`${url}/connect/token`);
  const failures: unknown[] = [];
  let obtained = 0;
  for (let index = 0; index < 30; index += 1) {
    try {
      await tokens.getToken({ forceRefresh: true });
      obtained += 1;
    } catch (error) {
      collectError(error);
      failures.push(error);
    }
  }
  recordRow(task, {
    section: 'Faults',
    fault: 'token endpoint: 5xx 30%, drop 10%, cut 10% (30 forced refreshes)',
    outcome: `${obtained} tokens; typed failures: ${byClass(failures)}`,
    retries: tokens.stats.retries,
    lost: 30 - obtained - failures.length,
    tokenRequests: tokens.stats.tokenRequests,
  });
  expect(failures.filter((error) => !isBridgekitError(error)).map(describeError)).toEqual([]);
  expect(obtained).toBeGreaterThan(20);
}, 60_000);

test('Faults: token endpoint down 3 s (refused, then 503 echoing the secret): every caller gets a token once it is back', async ({
  task,
}) => {
  const { url } = await ingoSandbox({}, 500);
  const outage = await startTokenOutage(url, { refusedMs: 1500, unavailableMs: 1500 });
  closers.push(outage);
  const tokens = tokenManagerAt(outage.tokenUrl);
  const ingo = createIngoClient({ tokens, baseUrl: url });
  const failures: unknown[] = [];
  const callerDone: number[] = [];
  // 40 callers arrive over the outage's 3 s (half score, half ask the manager directly) and each
  // tries again at once after a failure, as a service under load would.
  const caller = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, index * 75));
    for (let attempt = 0; attempt < 200; attempt += 1) {
      try {
        if (index % 2 === 0) await ingo.identityScore({ emailAddress: `outage${index}@example.com` });
        else await tokens.getToken();
        callerDone.push(performance.now());
        return;
      } catch (error) {
        collectError(error);
        failures.push(error);
      }
    }
  };
  const all = withDeadline(runPool(40, 40, caller), 20_000);
  expect(await all, 'every caller finished within 20 s').not.toBeTypeOf('symbol');
  const afterBack = Math.max(...callerDone) - outage.backAt();
  recordRow(task, {
    section: 'Faults',
    fault: 'token endpoint down 3 s: refused 1.5 s, then 503 echoing the secret 1.5 s',
    outcome: `${callerDone.length}/40 callers served, last ${Math.round(afterBack)} ms after recovery; failures: ${byClass(failures)}`,
    retries: tokens.stats.retries,
    lost: 40 - callerDone.length,
    tokenRequests: `${tokens.stats.tokenRequests} (${outage.unavailableAnswers()} got 503)`,
  });
  expect(failures.filter((error) => !isBridgekitError(error)).map(describeError)).toEqual([]);
  expect(callerDone).toHaveLength(40);
  expect(tokens.stats.tokenRequests).toBeLessThanOrEqual(20);
}, 30_000);

leakAuditTest('faults, Ingo');
