import ky from 'ky';
import { afterAll, test } from 'vitest';
import {
  type ChildServer,
  compareInRounds,
  perCall,
  record,
  serveInChild,
  throughput,
} from '../../../benchmarks/kit.js';
import { createIngoClient } from './ingo-client.js';
import { ingoScopes } from './ingo-environment.js';
import { allScopes, identityRequest } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';

// `pnpm bench`: `identityScore()` against the raw fetch a user writes with a token fetched once,
// against an Ingo sandbox in a process of its own. Medians of several rounds; nothing fails for speed.
const clients = [{ clientId: 'demo-client', clientSecret: 'demo-secret', scopes: allScopes }];
const servers: ChildServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.stop())));

async function serve(): Promise<string> {
  const server = await serveInChild(
    { kind: 'ingo', options: { clients } },
    import.meta.resolve('@bridgekit/sandbox'),
  );
  servers.push(server);
  return server.url;
}

async function rawToken(url: string): Promise<string> {
  const response = await fetch(`${url}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa('demo-client:demo-secret')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: ingoScopes.identityScore,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

test('identityScore(): one at a time and at concurrency 200, against raw fetch with a cached Bearer token', async () => {
  const url = await serve();
  const accessToken = await rawToken(url);
  const body = JSON.stringify(identityRequest);
  const raw = async () => {
    const response = await fetch(`${url}/identity/score`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
        apiVersion: '1',
      },
      body,
    });
    if (!response.ok) throw new Error(`raw call failed with ${response.status}`);
    return response.json();
  };
  // ky alone, with the client's retry and timeout options and the same token: the floor ky sets.
  const plainKy = ky.create({ timeout: 30_000, retry: { limit: 2, methods: ['post'] } });
  const kyOnly = () =>
    plainKy
      .post(`${url}/identity/score`, {
        json: identityRequest,
        headers: { authorization: `Bearer ${accessToken}`, apiVersion: '1' },
      })
      .json();
  const tokens = createTokenManager({
    tokenUrl: `${url}/connect/token`,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
  });
  const ingo = createIngoClient({ tokens, baseUrl: url });
  const score = () => ingo.identityScore(identityRequest);
  await perCall(500, raw);
  await perCall(500, score);
  await perCall(500, kyOnly);
  const single = await compareInRounds(7, {
    raw: () => perCall(400, raw),
    score: () => perCall(400, score),
    ky: () => perCall(400, kyOnly),
  });
  const ratio = (single['score'] ?? 0) / (single['raw'] ?? 1);
  record({
    id: 'ingo-auth.01',
    title: '`identityScore()` one at a time, time per call',
    unit: 'ms',
    subject: { label: 'identityScore()', value: single['score'] ?? 0 },
    baseline: { label: 'raw fetch, cached Bearer token', value: single['raw'] ?? 0 },
    peers: [{ label: 'ky alone (same retry and timeout)', value: single['ky'] ?? 0 }],
    ratio,
    ratioMeaning: "of the baseline's time",
    target: '<= 1.15x',
    met: ratio <= 1.15,
    note: `ky alone: ${((single['ky'] ?? 0) / (single['raw'] ?? 1)).toFixed(2)}x the baseline`,
  });
  const loaded = await compareInRounds(5, {
    raw: () => throughput(6000, 200, raw),
    score: () => throughput(6000, 200, score),
    ky: () => throughput(6000, 200, kyOnly),
  });
  const loadRatio = (loaded['score'] ?? 0) / (loaded['raw'] ?? 1);
  record({
    id: 'ingo-auth.02',
    title: '`identityScore()` at concurrency 200, 6,000 calls',
    unit: 'calls/s',
    subject: { label: 'identityScore()', value: loaded['score'] ?? 0 },
    baseline: { label: 'raw fetch, cached Bearer token', value: loaded['raw'] ?? 0 },
    peers: [{ label: 'ky alone (same retry and timeout)', value: loaded['ky'] ?? 0 }],
    ratio: loadRatio,
    ratioMeaning: "of the baseline's throughput",
    target: '>= 0.85x',
    met: loadRatio >= 0.85,
    note: `ky alone: ${((loaded['ky'] ?? 0) / (loaded['raw'] ?? 1)).toFixed(2)}x the baseline; ${tokens.stats.tokenRequests} token request(s) in all`,
  });
});
