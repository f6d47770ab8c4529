import { isBridgekitError } from '@bridgekit/errors';
import { createIngoClient, createTokenManager } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIngoSandbox, createIntendSandbox, ingoSandboxScopes } from '@bridgekit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DemoRun, runDemo } from './support/demo-run.js';
import { startApiEchoServer, startIntendEchoServer, startTokenEchoServer } from './support/echo-servers.js';
import { ingoSandboxClient } from './support/ingo-setup.js';
import { collectError, collectText, describeLeaks, leakSummary, leaksIn } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import type { LoopbackServer } from './support/loopback-server.js';
import { describeError } from './support/outcome.js';
import { credentials, tokenCapturingFetch } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const { intendApiKey, intendSecretKey, ingoClientId, ingoClientSecret } = credentials;
const servers: Array<{ close(): Promise<void> }> = [];
let intendEcho: LoopbackServer;
let tokenEcho: LoopbackServer;
let apiEcho: LoopbackServer;
let intendUrl: string;
let ingoUrl: string;

beforeAll(async () => {
  [intendEcho, tokenEcho, apiEcho] = await Promise.all([
    startIntendEchoServer(),
    startTokenEchoServer(),
    startApiEchoServer(),
  ]);
  const intend = await createIntendSandbox({
    apiKey: intendApiKey,
    secretKey: intendSecretKey,
    clients: 60,
    faults: { errorRate: 0.2 },
  }).listen();
  const ingo = await createIngoSandbox({
    clients: [ingoSandboxClient],
    faults: { routes: { '/identity/score': { errorRate: 0.2 } } },
  }).listen();
  intendUrl = intend.url;
  ingoUrl = ingo.url;
  servers.push(intendEcho, tokenEcho, apiEcho, intend, ingo);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Runs calls that must fail, keeps their errors, and records what the audit of them found. */
async function audited(
  task: { meta: object },
  fault: string,
  calls: ReadonlyArray<() => unknown>,
): Promise<void> {
  const errors: unknown[] = [];
  for (const call of calls) {
    try {
      await call();
    } catch (error) {
      collectError(error);
      errors.push(error);
    }
  }
  const { texts, leaks } = leaksIn(errors);
  const classes = [
    ...new Set(errors.map((error) => (isBridgekitError(error) ? error.name : describeError(error)))),
  ];
  recordRow(task, {
    section: 'Leak audit',
    fault,
    outcome: `${errors.length}/${calls.length} failed (${classes.join(', ')}); ${texts} texts; ${leakSummary(leaks)}`,
    retries: '-',
    lost: '-',
    tokenRequests: '-',
  });
  expect(errors.filter((error) => !isBridgekitError(error)).map(describeError)).toEqual([]);
  expect(leaks, describeLeaks(leaks)).toEqual([]);
}

const intendAt = (baseUrl: string, secretKey = intendSecretKey) =>
  createIntendClient({ baseUrl, apiKey: intendApiKey, secretKey, retry: 1, timeout: 2000 });

test('Leak audit: Intend answers that echo the secret key, API key, signature and headers', async ({
  task,
}) => {
  await audited(task, 'Intend 500/502 echoing secret key, API key, signature, headers', [
    () => intendAt(intendEcho.url).clients.get(1),
    () => intendAt(intendEcho.url).clients.list().toArray({ limit: 100 }),
    () => intendAt(`${intendEcho.url}/text`).products.get(1),
    () => intendAt(intendEcho.url).clients.create({ name: 'x' } as never),
  ]);
});

test('Leak audit: credentials in a URL, a wrong Intend secret, a wrong Ingo secret', async ({ task }) => {
  const userInfo = `http://${encodeURIComponent(intendApiKey)}:${encodeURIComponent(intendSecretKey)}@127.0.0.1:1/`;
  const wrongIngo = await createIngoSandbox({
    clients: [{ ...ingoSandboxClient, clientSecret: 'another-secret-entirely' }],
  }).listen();
  servers.push(wrongIngo);
  const wrongIntend = await createIntendSandbox({
    apiKey: intendApiKey,
    secretKey: 'another-intend-secret-entirely',
    clients: 5,
  }).listen();
  servers.push(wrongIntend);
  const tokensAt = (tokenUrl: string, authMethod: 'basic' | 'body') =>
    createTokenManager({
      tokenUrl,
      clientId: ingoClientId,
      clientSecret: ingoClientSecret,
      scope: ingoSandboxScopes.identityScore,
      authMethod,
      retry: 0,
    });
  await audited(task, 'user-info URLs, wrong Intend secret key, wrong Ingo client secret', [
    () => intendAt(userInfo),
    () =>
      createTokenManager({
        tokenUrl: `${userInfo}connect/token`,
        clientId: ingoClientId,
        clientSecret: ingoClientSecret,
        scope: 's',
      }),
    () => createIngoClient({ tokens: tokensAt(`${ingoUrl}/connect/token`, 'basic'), baseUrl: userInfo }),
    () => intendAt(wrongIntend.url).clients.list().toArray({ limit: 10 }),
    () => tokensAt(`${wrongIngo.url}/connect/token`, 'basic').getToken(),
    () => tokensAt(`${wrongIngo.url}/connect/token`, 'body').getToken(),
  ]);
});

test('Leak audit: a token endpoint that quotes the client secret in error_description', async ({ task }) => {
  const tokensAt = (authMethod: 'basic' | 'body') =>
    createTokenManager({
      tokenUrl: `${tokenEcho.url}/connect/token`,
      clientId: ingoClientId,
      clientSecret: ingoClientSecret,
      scope: 's',
      authMethod,
      retry: 0,
    });
  await audited(
    task,
    'token endpoint 400 invalid_client quoting the secret, the form body and the Basic header',
    [
      () => tokensAt('basic').getToken(),
      () => tokensAt('body').getAuthorizationHeader(),
      () =>
        createIngoClient({ tokens: tokensAt('basic'), baseUrl: apiEcho.url, retry: 0 }).identityScore({
          emailAddress: 'a@example.com',
        }),
    ],
  );
});

test('Leak audit: an Ingo API that echoes the bearer token the sandbox issued', async ({ task }) => {
  const tokens = createTokenManager({
    tokenUrl: `${ingoUrl}/connect/token`,
    clientId: ingoClientId,
    clientSecret: ingoClientSecret,
    scope: ingoSandboxScopes.identityScore,
    fetch: tokenCapturingFetch(globalThis.fetch),
  });
  const ingo = createIngoClient({ tokens, baseUrl: apiEcho.url, retry: 1 });
  await audited(task, 'Ingo API 500 echoing the access token', [
    () => ingo.identityScore({ emailAddress: 'a@example.com' }),
    () => ingo.checkMakerScore({ aba: '011000015', accountNumber: '123456789' }),
  ]);
});

function auditDemo(task: { meta: object }, fault: string, run: DemoRun, expectedExit: number): void {
  const texts = [
    { where: 'demo stdout', text: run.stdout },
    { where: 'demo stderr', text: run.stderr },
    ...run.files.map((file) => ({
      where: `demo report file ${file.name.replace(/screening-[^.]*/, 'screening-…')}`,
      text: file.text,
    })),
  ];
  for (const { text } of texts) collectText(text);
  const { leaks } = leaksIn([], texts);
  recordRow(task, {
    section: 'Leak audit',
    fault,
    outcome: `exit ${run.exitCode}, ${run.files.length} report files, ${run.stdout.split('\n').length + run.stderr.split('\n').length} output lines; ${leakSummary(leaks)}`,
    retries: '-',
    lost: '-',
    tokenRequests: '-',
  });
  expect(run.exitCode, run.stderr.slice(-500)).toBe(expectedExit);
  expect(leaks, describeLeaks(leaks)).toEqual([]);
}

const demoEnv = (intendBase: string, tokenUrl: string, apiUrl: string) => ({
  INTEND_BASE_URL: intendBase,
  INTEND_API_KEY: intendApiKey,
  INTEND_SECRET_KEY: intendSecretKey,
  INGO_CLIENT_ID: ingoClientId,
  INGO_CLIENT_SECRET: ingoClientSecret,
  INGO_TOKEN_URL: tokenUrl,
  INGO_API_URL: apiUrl,
});

test('Leak audit: the demo app, live mode on sandboxes with 20% faults: output and report files', async ({
  task,
}) => {
  const run = await runDemo(demoEnv(intendUrl, `${ingoUrl}/connect/token`, ingoUrl), [
    '--limit',
    '40',
    '--json',
  ]);
  auditDemo(task, 'demo app: sandboxes with 20% faults (stdout, stderr, .html/.json/.csv)', run, 0);
}, 40_000);

test('Leak audit: the demo app against a token endpoint and an Intend server that echo the secrets', async ({
  task,
}) => {
  const tokenRun = await runDemo(demoEnv(intendUrl, `${tokenEcho.url}/connect/token`, ingoUrl), [
    '--limit',
    '10',
  ]);
  auditDemo(task, 'demo app: token endpoint quoting the client secret (fatal)', tokenRun, 1);
  const intendRun = await runDemo(demoEnv(intendEcho.url, `${ingoUrl}/connect/token`, ingoUrl), [
    '--limit',
    '10',
  ]);
  auditDemo(task, 'demo app: Intend server echoing the secret key (fatal)', intendRun, 1);
}, 60_000);

leakAuditTest('leak scenarios and the demo app');
