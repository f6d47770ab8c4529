import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../server/seeded-random.js';
import { expectProblem, testTraceId } from '../../testing/expect-problem.js';
import { AccessTokenRegistry } from '../access-tokens.js';
import { type BearerTokenEnv, bearerToken } from './bearer-token.js';

const issuedAt = Date.UTC(2025, 5, 1);

function setup(toleranceMs = 0) {
  let clock = issuedAt;
  const registry = new AccessTokenRegistry(createSeededRandom(1), 'https://issuer.test');
  const accessToken = registry.issue('demo', ['scope-a'], issuedAt, 60);
  const app = new Hono<BearerTokenEnv>().post(
    '/api',
    bearerToken({ registry, now: () => clock, toleranceMs, nextTraceId: () => testTraceId }),
    (context) => context.json({ clientId: context.var.token.clientId, time: context.var.requestTime }),
  );
  const send = (authorization?: string) =>
    app.request('/api', { method: 'POST', headers: authorization === undefined ? {} : { authorization } });
  return {
    registry,
    accessToken,
    send,
    advance: (milliseconds: number) => {
      clock += milliseconds;
    },
  };
}

async function expectUnauthorized(response: Response, detail: string, challenge: string) {
  expect(response.headers.get('www-authenticate')).toBe(challenge);
  await expectProblem(response, {
    type: 'https://tools.ietf.org/html/rfc7235#section-3.1',
    title: 'Unauthorized',
    status: 401,
    detail: `Authorization failure: ${detail}.`,
    instance: '/api',
  });
}

const invalidToken = (description: string) =>
  `Bearer error="invalid_token", error_description="${description}"`;

describe('bearerToken', () => {
  it('hands a known, unexpired token and the check time on', async () => {
    const { accessToken, send, advance } = setup();
    advance(59_999);
    const response = await send(`bearer  ${accessToken} `);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ clientId: 'demo', time: issuedAt + 59_999 });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic ZGVtbzpzZWNyZXQ='],
    ['an empty token', 'Bearer '],
  ])('answers 401 with a bare challenge for %s', async (_name, authorization) => {
    const { send } = setup();
    await expectUnauthorized(await send(authorization), 'no bearer token was sent', 'Bearer');
  });

  it('answers 401 invalid_token for a token it did not issue', async () => {
    const { send } = setup();
    const detail = 'the access token is not one this server issued';
    await expectUnauthorized(await send('Bearer not-a-token'), detail, invalidToken(detail));
  });

  it('answers 401 invalid_token once the token expires, unless within the tolerance', async () => {
    const strict = setup();
    strict.advance(60_000);
    const detail = 'the access token expired';
    await expectUnauthorized(await strict.send(`Bearer ${strict.accessToken}`), detail, invalidToken(detail));
    const lenient = setup(300_000);
    lenient.advance(60_000 + 299_999);
    expect((await lenient.send(`Bearer ${lenient.accessToken}`)).status).toBe(200);
  });

  it('answers 401 invalid_token for a revoked token', async () => {
    const { registry, accessToken, send } = setup();
    registry.revokeAll();
    const detail = 'the access token was revoked';
    await expectUnauthorized(await send(`Bearer ${accessToken}`), detail, invalidToken(detail));
  });
});
