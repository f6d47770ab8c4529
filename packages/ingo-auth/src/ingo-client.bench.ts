// The built package, as users load it (see vitest.shared.ts).
import { createIngoClient, createTokenManager, ingoScopes } from '@bridgekit/ingo-auth';
import axios from 'axios';
import ky from 'ky';
import { afterAll, test } from 'vitest';
import {
  type ChildServer,
  recordRequestPath,
  requestPathTimeout,
  serveInChild,
} from '../../../benchmarks/kit.js';
import { allScopes, identityRequest } from './testing/test-helpers.js';

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

test(
  'identityScore(): one at a time and at concurrency 200, against raw fetch with a cached Bearer token',
  async () => {
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
    // ky alone, with the client's timeout, retry options (limit, methods, timeouts retried, a
    // Retry-After waited at most one timeout, jitter) and the same token: the floor ky sets.
    const plainKy = ky.create({
      timeout: 30_000,
      retry: { limit: 2, methods: ['post'], retryOnTimeout: true, maxRetryAfter: 30_000, jitter: true },
    });
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
    const axiosOnly = async () =>
      (
        await axios.post(`${url}/identity/score`, identityRequest, {
          headers: { authorization: `Bearer ${accessToken}`, apiVersion: '1' },
          timeout: 30_000,
        })
      ).data;
    await recordRequestPath({
      id: 'ingo-auth',
      name: '`identityScore()`',
      labels: { raw: 'raw fetch, cached Bearer token', subject: 'identityScore()' },
      calls: { raw, subject: score, ky: kyOnly, axios: axiosOnly },
    });
  },
  requestPathTimeout,
);
