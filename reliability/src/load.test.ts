import { createIngoClient } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIngoSandbox, createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, expect, test } from 'vitest';
import { runPool } from './support/deadline.js';
import { ingoSandboxClient, tokenManagerAt } from './support/ingo-setup.js';
import { collectError } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { describeError } from './support/outcome.js';
import { credentials } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const running: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((sandbox) => sandbox.close()));
});

test('Load: 20,000 Intend records by 20 concurrent listings, none lost or repeated', async ({ task }) => {
  const sandbox = createIntendSandbox({
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
    clients: 20_000,
  });
  const server = await sandbox.listen();
  running.push(server);
  const { url } = server;
  const intend = createIntendClient({
    baseUrl: url,
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
  });
  // 20 listings over disjoint ranges of 20 pages: together, the whole list of 400 pages.
  const failures: string[] = [];
  const listings = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      intend.clients
        .list({}, { startPage: index * 20 + 1, maxPages: 20 })
        .toArray({ limit: 1000 })
        .catch((error: unknown) => {
          collectError(error);
          failures.push(describeError(error));
          return [];
        }),
    ),
  );
  const ids = listings.flat().map((client) => client.id);
  const expected = sandbox.data.clients.map((client) => client.id);
  const unique = new Set(ids);
  const requests = sandbox.stats.count('GET /api/clients');
  recordRow(task, {
    section: 'Load',
    fault: 'none: 20 concurrent Intend listings x 1,000 records',
    outcome: `${ids.length} records, ${failures.length} failures, ${requests} page requests`,
    retries: requests - 400,
    lost: expected.length - unique.size,
    tokenRequests: '-',
  });
  expect(failures).toEqual([]);
  expect(ids).toHaveLength(20_000);
  expect(unique.size).toBe(20_000);
  expect(ids).toEqual(expected);
  expect(requests).toBe(400);
}, 60_000);

test('Load: 20,000 Ingo calls at concurrency 200 through one token manager, one token request', async ({
  task,
}) => {
  const sandbox = createIngoSandbox({
    clients: [ingoSandboxClient],
  });
  const server = await sandbox.listen();
  running.push(server);
  const tokens = tokenManagerAt(`${server.url}/connect/token`);
  const ingo = createIngoClient({ tokens, baseUrl: server.url });
  const answered = new Array<boolean>(20_000).fill(false);
  const failures: string[] = [];
  await runPool(20_000, 200, async (index) => {
    try {
      const scores = await ingo.identityScore({ emailAddress: `load${index}@example.com` });
      if (answered[index]) failures.push(`call ${index} answered twice`);
      answered[index] = 'emailAddress' in scores;
    } catch (error) {
      collectError(error);
      failures.push(describeError(error));
    }
  });
  const lost = answered.filter((each) => !each).length;
  const served = sandbox.stats.count('POST /identity/score', 200);
  recordRow(task, {
    section: 'Load',
    fault: 'none: 20,000 Ingo identityScore calls, concurrency 200',
    outcome: `${20_000 - lost} answered, ${failures.length} failures, ${served} served`,
    retries: ingo.stats.retries,
    lost,
    tokenRequests: tokens.stats.tokenRequests,
  });
  expect(failures.slice(0, 5)).toEqual([]);
  expect(lost).toBe(0);
  expect(served).toBe(20_000);
  expect(sandbox.issuedTokens).toBe(1);
  expect(tokens.stats.tokenRequests).toBe(1);
}, 90_000);

leakAuditTest('load', { expectErrors: false });
