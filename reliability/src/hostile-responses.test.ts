import { isBridgekitError, Secret } from '@bridgekit/errors';
import { createIngoClient, createTokenManager } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrokenMode, brokenModes, startBrokenServer } from './support/broken-server.js';
import { hostileGroupTests } from './support/hostile-group-test.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import type { LoopbackServer } from './support/loopback-server.js';
import { assertNoDefect, describeError, outcomeOf } from './support/outcome.js';
import {
  ingoBody,
  intendBody,
  type ResponseSpec,
  responseSpec,
  tokenBody,
  toResponse,
} from './support/response-arbitraries.js';
import { credentials, rememberToken } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const fakeToken = 'reliability-fake-access-token-9d2f';
rememberToken(fakeToken);
const tokenSource = {
  getToken: async () => ({
    accessToken: new Secret(fakeToken),
    tokenType: 'Bearer' as const,
    expiresAt: Date.now() + 3_600_000,
    issuedAt: Date.now(),
    scope: 's',
  }),
  invalidate: () => true,
};
const neverAnswers = () => new Promise<Response>(() => undefined);

const intendFor = (baseUrl: string, fetch?: typeof globalThis.fetch) =>
  createIntendClient({
    baseUrl,
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
    timeout: 500,
    retry: { limit: 1, backoffLimit: 50 },
    ...(fetch ? { fetch } : {}),
  });
const tokensFor = (tokenUrl: string, fetch?: typeof globalThis.fetch) =>
  createTokenManager({
    tokenUrl,
    clientId: credentials.ingoClientId,
    clientSecret: credentials.ingoClientSecret,
    scope: 'reliability',
    timeout: 500,
    retry: { limit: 1, cooldown: 0, backoffLimit: 300 },
    ...(fetch ? { fetch } : {}),
  });
const ingoFor = (baseUrl: string, fetch?: typeof globalThis.fetch) =>
  createIngoClient({
    tokens: tokenSource,
    baseUrl,
    timeout: 500,
    retry: { limit: 1, backoffLimit: 50 },
    ...(fetch ? { fetch } : {}),
  });

const json = { 'content-type': 'application/json' };
const farFuture = { 'retry-after': '99999999999' };

/** The parsers, each fed through its client's `fetch` with responses that may be anything; the examples come first. */
const parsers = [
  {
    name: 'Intend envelope and pages (clients.get, list().toArray)',
    body: intendBody,
    examples: [
      { status: 200, headers: json, body: '{"status":200,"response":true,"data":[{"id":{"toString":1}}]}' },
      {
        status: 200,
        headers: json,
        body: `{"status":200,"response":true,"data":{"current_page":1,"last_page":1e308,"total":-1,"data":${JSON.stringify(Array.from({ length: 50 }, (_, id) => ({ id })))}}}`,
      },
      {
        status: 429,
        headers: { ...json, ...farFuture },
        body: '{"status":429,"response":false,"msg":"slow down"}',
      },
      { status: 200, headers: json, body: new Uint8Array([0xff, 0xfe, 0x7b, 0x22]) },
    ],
    async run(fetch: typeof globalThis.fetch) {
      const intend = intendFor('http://127.0.0.1:1', fetch);
      assertNoDefect(
        await outcomeOf(() => intend.clients.get(1), { async: true, deadlineMs: 4000 }),
        'clients.get',
      );
      assertNoDefect(
        await outcomeOf(() => intend.clients.list().toArray({ limit: 500 }), {
          async: true,
          deadlineMs: 4000,
        }),
        'toArray',
      );
    },
  },
  {
    name: 'Ingo token response (getToken twice)',
    body: tokenBody,
    examples: [
      ...[1e308, 2 ** 53, -1, 0, '1'.repeat(400)].map((expires) => ({
        status: 200,
        headers: json,
        body: JSON.stringify({ access_token: 'a.b.c', token_type: 'Bearer', expires_in: expires }),
      })),
      { status: 400, headers: json, body: '{"error":{"toString":1},"error_description":["x"]}' },
      { status: 503, headers: { ...json, ...farFuture }, body: '{}' },
    ],
    async run(fetch: typeof globalThis.fetch) {
      const tokens = tokensFor('http://127.0.0.1:1/connect/token', fetch);
      for (const round of [1, 2]) {
        const outcome = await outcomeOf(() => tokens.getToken(), { async: true, deadlineMs: 4000 });
        assertNoDefect(outcome, `getToken #${round}`);
        if (outcome.kind !== 'value') continue;
        const token = outcome.value as { expiresAt: unknown; issuedAt: number; accessToken: Secret };
        rememberToken(token.accessToken.reveal());
        if (
          typeof token.expiresAt !== 'number' ||
          !Number.isFinite(token.expiresAt) ||
          token.expiresAt <= token.issuedAt
        ) {
          throw new Error(
            `getToken #${round} resolved a token whose expiresAt is ${String(token.expiresAt)}`,
          );
        }
      }
    },
  },
  {
    name: 'Ingo API answers (identityScore)',
    body: ingoBody,
    examples: [
      { status: 503, headers: { ...json, ...farFuture }, body: '{"title":"Service Unavailable"}' },
      { status: 401, headers: { ...json, 'www-authenticate': 'Bearer error="invalid_token"' }, body: '{}' },
      { status: 200, headers: json, body: '{"emailAddress":{"toString":1}}' },
    ],
    async run(fetch: typeof globalThis.fetch) {
      const ingo = ingoFor('http://127.0.0.1:1', fetch);
      assertNoDefect(
        await outcomeOf(() => ingo.identityScore({ emailAddress: 'a@example.com' }), {
          async: true,
          deadlineMs: 4000,
        }),
        'identityScore',
      );
    },
  },
];

let broken: LoopbackServer;
beforeAll(async () => {
  broken = await startBrokenServer();
});
afterAll(async () => {
  await broken?.close();
});

/** A call must end with a typed error within `deadlineMs`: how it ended, for the table. */
async function typedStop(name: string, call: () => Promise<unknown>, deadlineMs: number): Promise<string> {
  const started = performance.now();
  const outcome = await outcomeOf(call, { async: true, deadlineMs });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (outcome.kind === 'defect') return `${name}: DEFECT ${outcome.description}`;
  if (outcome.kind === 'value') return `${name}: DEFECT resolved`;
  return `${name} ${isBridgekitError(outcome.error) ? outcome.error.name : describeError(outcome.error)} ${seconds} s`;
}

const modes = [...Object.keys(brokenModes), 'fetch-never-settles'] as Array<
  BrokenMode | 'fetch-never-settles'
>;

test.for(modes)(
  'Hostile input: a response that %s ends in a typed error within its timeout',
  async (mode, { task }) => {
    const inProcess = mode === 'fetch-never-settles';
    const base = inProcess ? 'http://127.0.0.1:1' : `${broken.url}/${mode}`;
    const fetch = inProcess ? neverAnswers : undefined;
    // timeout 500 ms and one retry: two attempts and one backoff, well inside 4 s.
    const results = await Promise.all([
      typedStop('Intend', () => intendFor(base, fetch).clients.get(1), 4000),
      typedStop('token', () => tokensFor(`${base}/connect/token`, fetch).getToken(), 4000),
      typedStop('Ingo', () => ingoFor(base, fetch).identityScore({ emailAddress: 'a@example.com' }), 4000),
    ]);
    recordRow(task, {
      section: 'Hostile input',
      fault: inProcess ? 'a fetch that never settles (ignores its signal)' : brokenModes[mode as BrokenMode],
      outcome: results.join('; '),
      retries: '-',
      lost: '-',
      tokenRequests: '-',
    });
    expect(results.filter((result) => result.includes('DEFECT'))).toEqual([]);
  },
);

// Each parser is one case: its examples first, then random responses from its body arbitrary.
hostileGroupTests(
  'random responses:',
  parsers.map((parser) => [
    parser.name,
    () => [
      { name: parser.name, run: (spec: unknown) => parser.run(async () => toResponse(spec as ResponseSpec)) },
    ],
    { values: parser.examples, arbitrary: responseSpec(parser.body), randomRuns: 100 },
  ]),
);

leakAuditTest('hostile responses');
