import { describe, expect, it } from 'vitest';
import type { DupexInquiryResult } from './dupex-ledger.js';
import { createIngoSandbox, type IngoSandboxOptions } from './ingo-sandbox.js';
import { ingoSandboxScopes } from './ingo-scopes.js';

const origin = 'http://ingo.test';
const allScopes = Object.values(ingoSandboxScopes);
const oddSecret = 'p+s%20:#@! wörd✓';

function sandboxWith(overrides: Partial<IngoSandboxOptions> = {}) {
  let clock = Date.UTC(2025, 5, 1, 12, 0, 0);
  const sandbox = createIngoSandbox({
    clients: [
      { clientId: 'demo', clientSecret: 'demo-secret', scopes: allScopes },
      { clientId: 'narrow', clientSecret: oddSecret, scopes: [ingoSandboxScopes.checkMakerScore] },
    ],
    now: () => clock,
    ...overrides,
  });
  return {
    sandbox,
    advance(milliseconds: number) {
      clock += milliseconds;
    },
  };
}

const formEncode = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function tokenResponse(
  sandbox: ReturnType<typeof sandboxWith>['sandbox'],
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await sandbox.fetch(`${origin}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

async function token(
  sandbox: ReturnType<typeof sandboxWith>['sandbox'],
  scope: string = allScopes.join(' '),
) {
  const { body } = await tokenResponse(
    sandbox,
    { grant_type: 'client_credentials', scope },
    { authorization: basic('demo', 'demo-secret') },
  );
  return body['access_token'] as string;
}

function post(
  sandbox: ReturnType<typeof sandboxWith>['sandbox'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return sandbox.fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const identityRequest = {
  identity: { firstName: 'Gabriel', lastName: 'Mitchell', ssn: '900000001' },
  emailAddress: 'aaron53@adventure-works.com',
  mobileNumber: '9735550195',
  address: { line1: '1197 Santa Barbara', city: 'Santa Monica', state: 'CA', zipCode: '90401' },
  deviceId: '1674238924',
  geoLocation: { latitude: '18.375', longitude: '28.375' },
};

describe('/connect/token (IdentityServer behaviour)', () => {
  it('issues a JWT-shaped token with Basic credentials', async () => {
    const { sandbox } = sandboxWith({ tokenTtlSeconds: 120 });
    const { response, body } = await tokenResponse(
      sandbox,
      { grant_type: 'client_credentials', scope: ingoSandboxScopes.identityScore },
      { authorization: basic('demo', 'demo-secret') },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.headers.get('date')).toBe('Sun, 01 Jun 2025 12:00:00 GMT');
    expect(body).toMatchObject({
      expires_in: 120,
      token_type: 'Bearer',
      scope: ingoSandboxScopes.identityScore,
    });
    const parts = String(body['access_token']).split('.');
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ client_id: 'demo', scope: [ingoSandboxScopes.identityScore] });
    expect(claims['exp']).toBe((claims['iat'] as number) + 120);
    expect(sandbox.issuedTokens).toBe(1);
  });

  it('accepts credentials in the form body', async () => {
    const { sandbox } = sandboxWith();
    const { response } = await tokenResponse(sandbox, {
      grant_type: 'client_credentials',
      scope: ingoSandboxScopes.dupexInquiry,
      client_id: 'demo',
      client_secret: 'demo-secret',
    });
    expect(response.status).toBe(200);
  });

  it('form-decodes Basic credentials, so only encoded special characters match', async () => {
    const { sandbox } = sandboxWith();
    const form = { grant_type: 'client_credentials', scope: ingoSandboxScopes.checkMakerScore };
    const encoded = await tokenResponse(sandbox, form, {
      authorization: basic('narrow', formEncode(oddSecret)),
    });
    expect(encoded.response.status).toBe(200);
    const raw = await tokenResponse(sandbox, form, { authorization: basic('narrow', oddSecret) });
    expect(raw.body).toEqual({ error: 'invalid_client' });
  });

  it('grants every allowed scope when none is requested', async () => {
    const { sandbox } = sandboxWith();
    const { body } = await tokenResponse(
      sandbox,
      { grant_type: 'client_credentials' },
      { authorization: basic('demo', 'demo-secret') },
    );
    expect(String(body['scope']).split(' ').sort()).toEqual([...allScopes].sort());
  });

  const demoCredentials = { authorization: basic('demo', 'demo-secret') };
  const grant = { grant_type: 'client_credentials' };
  it.each([
    ['a wrong secret', { authorization: basic('demo', 'nope') }, grant, 'invalid_client'],
    ['an unknown client', { authorization: basic('ghost', 'demo-secret') }, grant, 'invalid_client'],
    ['no credentials', {}, grant, 'invalid_client'],
    ['a missing grant type', demoCredentials, {}, 'unsupported_grant_type'],
    ['an unknown grant type', demoCredentials, { grant_type: 'magic' }, 'unsupported_grant_type'],
    ['another grant type', demoCredentials, { grant_type: 'password' }, 'unauthorized_client'],
    [
      'an unknown scope',
      demoCredentials,
      { ...grant, scope: 'https://apis.ingo.money/auth/nope' },
      'invalid_scope',
    ],
    [
      'a scope the client may not have',
      { authorization: basic('narrow', formEncode(oddSecret)) },
      { ...grant, scope: ingoSandboxScopes.identityScore },
      'invalid_scope',
    ],
  ])('answers 400 for %s', async (_name, headers, form, error) => {
    const { sandbox } = sandboxWith();
    const result = await tokenResponse(sandbox, form, headers);
    expect(result.response.status).toBe(400);
    expect(result.body['error']).toBe(error);
  });

  it('answers invalid_request for another content type or method', async () => {
    const { sandbox } = sandboxWith();
    const json = await sandbox.fetch(`${origin}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic('demo', 'demo-secret') },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
    const get = await sandbox.fetch(`${origin}/connect/token`);
    expect(await get.json()).toEqual({ error: 'invalid_request' });
  });

  it('can answer invalid_client with 401, as servers other than IdentityServer do', async () => {
    const { sandbox } = sandboxWith({ invalidClientStatus: 401 });
    const { response, body } = await tokenResponse(
      sandbox,
      { grant_type: 'client_credentials' },
      { authorization: basic('demo', 'x') },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    expect(body).toEqual({ error: 'invalid_client' });
  });
});

describe('the APIs', () => {
  it('require a Bearer token and answer 401 problem details with a trace id', async () => {
    const { sandbox } = sandboxWith();
    const response = await post(sandbox, '/identity/score', identityRequest);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({
      title: 'Unauthorized',
      status: 401,
      instance: '/identity/score',
      traceId: expect.stringMatching(/^\|[0-9a-f]{8}-[0-9a-f]{16}\.$/),
    });
    const unknown = await post(sandbox, '/identity/score', identityRequest, {
      authorization: 'Bearer not-a-token',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('refuse a token once it expires on the sandbox clock, or after revocation', async () => {
    const { sandbox, advance } = sandboxWith({ tokenTtlSeconds: 60 });
    const accessToken = await token(sandbox);
    const headers = { authorization: `Bearer ${accessToken}` };
    advance(59_999);
    expect(
      (await post(sandbox, '/check-maker/score', { aba: '123456789', accountNumber: '1' }, headers)).status,
    ).toBe(200);
    advance(1);
    const expired = await post(
      sandbox,
      '/check-maker/score',
      { aba: '123456789', accountNumber: '1' },
      headers,
    );
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { detail: string }).detail).toContain('expired');

    const fresh = { authorization: `Bearer ${await token(sandbox)}` };
    expect(sandbox.revokeTokens()).toBe(2);
    expect((await post(sandbox, '/check-maker/score', { aba: '1', accountNumber: '1' }, fresh)).status).toBe(
      401,
    );
  });

  it('honour an expiry tolerance when configured', async () => {
    const { sandbox, advance } = sandboxWith({ tokenTtlSeconds: 60, expiryToleranceSeconds: 300 });
    const headers = { authorization: `Bearer ${await token(sandbox)}` };
    advance(60_000 + 299_000);
    expect(
      (await post(sandbox, '/check-maker/score', { aba: '1', accountNumber: '1' }, headers)).status,
    ).toBe(200);
  });

  it('refuse a token without the API scope with 403, as RFC 6750 section 3.1 prescribes', async () => {
    const { sandbox } = sandboxWith();
    const headers = { authorization: `Bearer ${await token(sandbox, ingoSandboxScopes.checkMakerScore)}` };
    const response = await post(sandbox, '/dupex/inquiry', {}, headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="${ingoSandboxScopes.dupexInquiry}"`,
    );
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      title: 'Forbidden',
      status: 403,
      detail: expect.stringContaining('scope'),
      instance: '/dupex/inquiry',
      traceId: expect.stringMatching(/^\|[0-9a-f]{8}-[0-9a-f]{16}\.$/),
    });
  });

  it('check the API version like ASP.NET API versioning', async () => {
    const { sandbox } = sandboxWith();
    const authorization = `Bearer ${await token(sandbox)}`;
    const body = { aba: '123456789', accountNumber: '42' };
    expect((await post(sandbox, '/check-maker/score', body, { authorization, apiVersion: '1' })).status).toBe(
      200,
    );
    expect((await post(sandbox, '/check-maker/score?apiVersion=1.0', body, { authorization })).status).toBe(
      200,
    );
    const unsupported = await post(sandbox, '/check-maker/score', body, { authorization, apiVersion: '2' });
    expect(await unsupported.json()).toMatchObject({ status: 400, title: 'UnsupportedApiVersion' });
    const ambiguous = await post(sandbox, '/check-maker/score?apiVersion=2', body, {
      authorization,
      apiVersion: '1',
    });
    expect(await ambiguous.json()).toMatchObject({ status: 400, title: 'AmbiguousApiVersion' });
  });

  it('answer InputValidationError with field paths', async () => {
    const { sandbox } = sandboxWith();
    const authorization = `Bearer ${await token(sandbox)}`;
    const invalid = await post(
      sandbox,
      '/identity/score',
      {
        identity: { lastName: 'X', ssn: '1234' },
        mobileNumber: '12',
        address: { line1: 'a', city: 'b', state: 'ZZ', zipCode: '1' },
      },
      { authorization },
    );
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as {
      title: string;
      errors: Record<string, string[]>;
      traceId: string;
    };
    expect(problem.title).toBe('InputValidationError');
    expect(Object.keys(problem.errors).sort()).toEqual(
      ['Address.State', 'Address.ZipCode', 'Identity.Dob', 'Identity.FirstName', 'MobileNumber'].sort(),
    );
    expect(problem.errors['Identity.FirstName']).toEqual(["'First Name' must not be empty."]);

    const notJson = await post(sandbox, '/dupex/inquiry', '{"aba": ', { authorization });
    expect(((await notJson.json()) as { errors: object }).errors).toEqual({
      $: ['The request body must be a JSON object.'],
    });
    const dupex = await post(sandbox, '/dupex/inquiry', { aba: '12', amountInCents: -1 }, { authorization });
    expect(Object.keys(((await dupex.json()) as { errors: object }).errors)).toEqual(
      expect.arrayContaining(['Aba', 'AmountInCents', 'CheckNumber', 'Micr', 'Reason', 'AccountNumber']),
    );
    const text = await sandbox.fetch(`${origin}/check-maker/score`, {
      method: 'POST',
      headers: { authorization },
      body: 'x',
    });
    expect(text.status).toBe(415);
  });

  it('answer 405 for other methods and ResourceNotFound for unknown paths', async () => {
    const { sandbox } = sandboxWith();
    const get = await sandbox.fetch(`${origin}/identity/score`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const missing = await sandbox.fetch(`${origin}/resource-not-located`);
    expect(await missing.json()).toMatchObject({
      status: 404,
      title: 'ResourceNotFound',
      detail: "Resource '/resource-not-located' not found.",
    });
  });
});

describe('deterministic scores', () => {
  it('give the same answer for the same request, and one group per group sent', async () => {
    const { sandbox } = sandboxWith();
    const authorization = `Bearer ${await token(sandbox)}`;
    const first = await (await post(sandbox, '/identity/score', identityRequest, { authorization })).json();
    const second = await (await post(sandbox, '/identity/score', identityRequest, { authorization })).json();
    expect(second).toEqual(first);
    expect(Object.keys(first as object).sort()).toEqual(
      ['address', 'deviceId', 'emailAddress', 'geoLocation', 'identity', 'mobileNumber'].sort(),
    );
    const emailOnly = await (
      await post(
        sandbox,
        '/identity/score',
        { emailAddress: identityRequest.emailAddress },
        { authorization },
      )
    ).json();
    expect(emailOnly).toEqual({ emailAddress: (first as Record<string, unknown>)['emailAddress'] });
  });

  it('cover every band across inputs, and force one by a word in the value', async () => {
    const { sandbox } = sandboxWith();
    const authorization = `Bearer ${await token(sandbox)}`;
    const scores = new Set<string>();
    for (let index = 0; index < 80; index += 1) {
      const body = (await (
        await post(
          sandbox,
          '/identity/score',
          { emailAddress: `user${index}@example.com` },
          { authorization },
        )
      ).json()) as {
        emailAddress: { score: number } | null;
      };
      const score = body.emailAddress?.score;
      scores.add(
        score === undefined
          ? 'null'
          : score === 9999
            ? 'matched'
            : score >= 499
              ? 'positive'
              : score >= 300
                ? 'neutral'
                : 'negative',
      );
    }
    expect([...scores].sort()).toEqual(['matched', 'negative', 'neutral', 'null', 'positive']);
    const forced = (await (
      await post(
        sandbox,
        '/identity/score',
        { emailAddress: 'jane+notfound@example.com', deviceId: 'negative-1' },
        { authorization },
      )
    ).json()) as Record<string, { score: number } | null>;
    expect(forced['emailAddress']).toBeNull();
    expect(forced['deviceId']?.score).toBe(99);
  });

  it('score check makers and record dupex inquiries', async () => {
    const { sandbox } = sandboxWith();
    const authorization = `Bearer ${await token(sandbox)}`;
    const maker = (await (
      await post(
        sandbox,
        '/check-maker/score',
        { aba: '123456789', accountNumber: 'not-found-positive' },
        { authorization },
      )
    ).json()) as Record<string, unknown>;
    expect(maker).toEqual({
      score: 900,
      firstSeenOn: expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/),
      lastSeenOn: expect.any(String),
    });
    const unknownMaker = await (
      await post(sandbox, '/check-maker/score', { aba: '1', accountNumber: 'notfound' }, { authorization })
    ).json();
    expect(unknownMaker).toEqual({ score: null, firstSeenOn: null, lastSeenOn: null });

    const check = {
      checkNumber: '1234',
      accountNumber: '6987654321',
      aba: '123456789',
      micr: '56789',
      amountInCents: 5000,
      reason: 'API Testing',
    };
    const first = (await (
      await post(sandbox, '/dupex/inquiry', check, { authorization })
    ).json()) as DupexInquiryResult;
    const again = (await (
      await post(sandbox, '/dupex/inquiry', { ...check, amountInCents: 5001 }, { authorization })
    ).json()) as DupexInquiryResult;
    expect(first.checkId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again.checkId).toBe(first.checkId);
    expect(first.inquiryStats.self.count).toBe(1);
    expect(again.inquiryStats.self.count).toBe(2);
    expect(first.amountMatches).toBe(true);
    expect(again.amountMatches).toBe(false);
    const duplicate = (await (
      await post(
        sandbox,
        '/dupex/inquiry',
        { ...check, checkNumber: '77', reason: 'duplicate test' },
        { authorization },
      )
    ).json()) as DupexInquiryResult;
    expect(duplicate.checkStatus).toBe('Used');
    expect(duplicate.confirmationStats.other.count).toBe(1);
  });
});

describe('faults and stats', () => {
  it('count token requests per status and answer injected faults with problem details', async () => {
    const { sandbox } = sandboxWith();
    sandbox.injectFault({ kind: 'status', status: 503, route: '/connect/token', retryAfterSeconds: 0 });
    const failed = await tokenResponse(
      sandbox,
      { grant_type: 'client_credentials' },
      { authorization: basic('demo', 'demo-secret') },
    );
    expect(failed.response.status).toBe(503);
    expect(failed.response.headers.get('retry-after')).toBe('0');
    expect(failed.body).toMatchObject({
      status: 503,
      title: 'ServiceUnavailable',
      traceId: expect.any(String),
    });
    await token(sandbox);
    expect(sandbox.stats.count('POST /connect/token')).toBe(2);
    expect(sandbox.stats.count('POST /connect/token', 200)).toBe(1);
    expect(sandbox.issuedTokens).toBe(1);
  });

  it('rejects configurations it cannot serve', () => {
    expect(() => createIngoSandbox({ clients: [] })).toThrow(/`clients`/);
    expect(() =>
      createIngoSandbox({ clients: [{ clientId: 'a', clientSecret: 'b', scopes: [] }], tokenTtlSeconds: 0 }),
    ).toThrow(/`tokenTtlSeconds`/);
  });
});
