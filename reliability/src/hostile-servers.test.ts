import { isRedirectError, isResponseTooLargeError } from '@bridgekit/errors';
import { createIngoClient } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIngoSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  peakMemoryDuring,
  startEndlessServer,
  startRecordingServer,
  startRedirectServer,
} from './support/hostile-origin.js';
import { ingoSandboxClient, tokenManagerAt } from './support/ingo-setup.js';
import { collectError, collectText } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import type { LoopbackServer } from './support/loopback-server.js';
import { describeError } from './support/outcome.js';
import { credentials } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const identityRequest = { emailAddress: 'jane@example.com' };
const { intendApiKey, intendSecretKey } = credentials;
let elsewhere: Awaited<ReturnType<typeof startRecordingServer>>;
let redirecting: LoopbackServer;
let endless: LoopbackServer;
let ingoTokenUrl: string;
const servers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  elsewhere = await startRecordingServer();
  [redirecting, endless] = await Promise.all([startRedirectServer(elsewhere.url), startEndlessServer()]);
  const ingo = await createIngoSandbox({ clients: [ingoSandboxClient] }).listen();
  ingoTokenUrl = `${ingo.url}/connect/token`;
  servers.push(elsewhere, redirecting, endless, ingo);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const intendAt = (baseUrl: string) =>
  createIntendClient({
    baseUrl,
    apiKey: intendApiKey,
    secretKey: intendSecretKey,
    retry: { limit: 2, backoffLimit: 10 },
  });
const ingoAt = (baseUrl: string) =>
  createIngoClient({ tokens: tokenManagerAt(ingoTokenUrl), baseUrl, retry: { limit: 2, delay: () => 0 } });
// The platform fetch, not the suite's token-capturing one: that one reads every token body beside
// the client, and an endless body must be read by the client alone.
const tokensAt = (tokenUrl: string, authMethod: 'basic' | 'body') =>
  tokenManagerAt(tokenUrl, {
    authMethod,
    retry: { limit: 2, delay: () => 0, cooldown: 0 },
    fetch: globalThis.fetch,
  });

/** Every kind of request that carries a credential, sent to the server at `base`. */
const requestKinds = (base: string) => ({
  'token request (basic)': () => tokensAt(`${base}/connect/token`, 'basic').getToken(),
  'token request (body)': () => tokensAt(`${base}/connect/token`, 'body').getToken(),
  'Intend get': () => intendAt(base).clients.get(1),
  'Intend create': () =>
    intendAt(base).clients.create({ first_name: 'M', last_name: 'X', email: 'm@x.test' }),
  'Intend list, first page': () => intendAt(base).products.list().toArray({ limit: 1000 }),
  'Intend list, later page': () => intendAt(base).clients.list().toArray({ limit: 1000 }),
  'Ingo identity score': () => ingoAt(base).identityScore(identityRequest),
});

/** Sends each request, expecting each to fail as `expected` says; returns what failed otherwise. */
async function refusals(
  calls: Record<string, () => Promise<unknown>>,
  expected: (error: unknown) => boolean,
): Promise<{ refused: number; total: number; wrong: string[] }> {
  const wrong: string[] = [];
  let refused = 0;
  for (const [name, call] of Object.entries(calls)) {
    const outcome = await call().then(
      () => 'resolved',
      (error: unknown) => {
        collectError(error);
        return error;
      },
    );
    if (expected(outcome)) refused += 1;
    else wrong.push(`${name}: ${typeof outcome === 'string' ? outcome : describeError(outcome)}`);
  }
  return { refused, total: Object.keys(calls).length, wrong };
}

test('Hostile servers: every credential-carrying request redirected to a second origin, by every status', async ({
  task,
}) => {
  let refused = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const status of [301, 302, 303, 307, 308]) {
    const run = await refusals(requestKinds(`${redirecting.url}/${status}`), isRedirectError);
    refused += run.refused;
    total += run.total;
    wrong.push(...run.wrong.map((line) => `${status} ${line}`));
  }
  // The audit reads whatever the second origin received, so a leak there would show too.
  for (const request of elsewhere.received) collectText(JSON.stringify(request));
  recordRow(task, {
    section: 'Hostile servers',
    fault:
      '301, 302, 303, 307, 308 to a second origin: token requests (basic, body), Intend get, create and list pages, Ingo call',
    outcome: `${refused}/${total} refused (RedirectError), none retried; the second origin received ${elsewhere.requests} requests`,
    retries: redirecting.requests - total - 5,
    lost: '-',
    tokenRequests: '-',
  });
  expect(wrong).toEqual([]);
  expect(elsewhere.received).toEqual([]);
  // One request per kind and status, plus the first list page the redirecting server answers.
  expect(redirecting.requests).toBe(total + 5);
});

test('Hostile servers: an endless body (plain and gzip) to a call, a list page, a token request and an Ingo call', async ({
  task,
}) => {
  const before = process.memoryUsage();
  const { result, rssMb, heapMb } = await peakMemoryDuring(async () => {
    const calls: Record<string, () => Promise<unknown>> = {};
    for (const encoding of ['plain', 'gzip']) {
      const base = `${endless.url}/${encoding}`;
      calls[`${encoding} Intend get`] = () => intendAt(base).clients.get(1);
      calls[`${encoding} Intend list page`] = () => intendAt(base).clients.list().toArray({ limit: 1000 });
      calls[`${encoding} token request`] = () => tokensAt(`${base}/connect/token`, 'basic').getToken();
      calls[`${encoding} Ingo call`] = () => ingoAt(base).identityScore(identityRequest);
    }
    return refusals(calls, isResponseTooLargeError);
  });
  const grownMb = heapMb - Math.round(before.heapUsed / 1_048_576);
  recordRow(task, {
    section: 'Hostile servers',
    fault: 'endless 200 body, plain and gzip: Intend get and list page, token request, Ingo call',
    outcome: `${result.refused}/${result.total} stopped (ResponseTooLargeError at 16 MiB, 64 KiB for tokens); peak RSS ${rssMb} MB, peak heap ${heapMb} MB (+${grownMb} MB)`,
    retries: endless.requests - result.total,
    lost: '-',
    tokenRequests: '-',
  });
  expect(result.wrong).toEqual([]);
  // Not retried: one request each.
  expect(endless.requests).toBe(result.total);
  // Each answer is held to 16 MiB (as bytes, then as a string) and let go when its call fails.
  expect(grownMb).toBeLessThan(200);
});

leakAuditTest('hostile servers');
