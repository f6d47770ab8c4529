import {
  AbortError,
  AuthenticationError,
  ConfigurationError,
  HttpError,
  NetworkError,
  OAuthError,
  PermissionError,
  ResponseFormatError,
  ServerError,
  TimeoutError,
} from '@bridgekit/errors';
import type { RetryOptions } from 'ky';
import { describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import type { IngoClientOptions } from './ingo-client-options.js';
import { ingoApiUrls, ingoScopes } from './ingo-environment.js';
import { problemDetailsOf } from './problem-details.js';
import { scoreBand } from './score-band.js';
import {
  allScopes,
  createClock,
  identityRequest,
  ingoSandbox,
  recordingFetch,
  sandboxBaseUrl,
  sandboxTokenUrl,
} from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';
import type { Fetch } from './token-manager-options.js';

const check = {
  checkNumber: '1234',
  accountNumber: '6987654321',
  aba: '123456789',
  micr: '56789',
  amountInCents: 5000,
  reason: 'API Testing',
};

function setup(overrides: Partial<IngoClientOptions> = {}, tokenTtlSeconds = 3600) {
  const clock = createClock();
  const sandbox = ingoSandbox({ now: clock.now, tokenTtlSeconds });
  const tokens = createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: allScopes.join(' '),
    fetch: sandbox.fetch,
    now: clock.now,
    retry: { delay: () => 0, backoffLimit: 0, cooldown: 0 },
  });
  const ingo = createIngoClient({
    tokens,
    baseUrl: sandboxBaseUrl,
    fetch: sandbox.fetch,
    retry: { limit: 2, delay: () => 0 },
    ...overrides,
  });
  return { clock, sandbox, tokens, ingo };
}

describe('API helpers', () => {
  it('post each API with a Bearer token and apiVersion, and return its answer', async () => {
    const { sandbox, ingo, tokens } = setup();
    const seen: Headers[] = [];
    const spy = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: (input, init) => {
        const request = new Request(input, init);
        seen.push(request.headers);
        return sandbox.fetch(request);
      },
    });
    const scores = await spy.identityScore(identityRequest);
    expect(Object.keys(scores).sort()).toEqual(['emailAddress', 'identity', 'mobileNumber']);
    expect(seen[0]?.get('authorization')).toBe(await tokens.getAuthorizationHeader());
    expect(seen[0]?.get('apiversion')).toBe('1');
    expect(seen[0]?.get('content-type')).toBe('application/json');
    expect(seen[0]?.get('user-agent')).toMatch(/^bridgekit-ingo-auth\/\d+\.\d+\.\d+$/);

    const maker = await ingo.checkMakerScore({ aba: '123456789', accountNumber: 'positive' });
    expect(maker.score).toBe(900);
    const dupex = await ingo.dupexInquiry(check);
    expect(dupex).toMatchObject({
      checkStatus: expect.stringMatching(/^(Not)?Used$/),
      inquiryStats: { self: { count: 1 } },
    });
    expect(sandbox.issuedTokens).toBe(1);
    expect(ingo.stats).toMatchObject({
      calls: 2,
      failures: 0,
      requests: 2,
      retries: 0,
      authenticationRetries: 0,
    });
  });

  it('name every score band', async () => {
    const { ingo } = setup();
    const answer = await ingo.identityScore({
      emailAddress: 'a+notfound@example.com',
      mobileNumber: '5550000000',
      deviceId: 'matched-device',
    });
    expect(scoreBand(answer.emailAddress?.score)).toBe('not-found');
    expect(scoreBand(answer.deviceId?.score)).toBe('matched');
    expect([scoreBand(1000), scoreBand(499), scoreBand(300), scoreBand(299), scoreBand(9)]).toEqual([
      'positive',
      'positive',
      'neutral',
      'negative',
      'negative',
    ]);
  });
});

describe('401 handling', () => {
  it('invalidates the rejected token and retries once with a fresh one', async () => {
    const { sandbox, ingo, tokens } = setup();
    await ingo.identityScore(identityRequest);
    sandbox.revokeTokens();
    await expect(ingo.identityScore(identityRequest)).resolves.toHaveProperty('identity');
    expect(sandbox.issuedTokens).toBe(2);
    // The resend with a fresh token is no retry of ky's.
    expect(ingo.stats).toMatchObject({ authenticationRetries: 1, requests: 3, retries: 0 });
    expect(tokens.stats.invalidations).toBe(1);
  });

  it('refreshes once for many concurrent 401s', async () => {
    const { sandbox, ingo } = setup();
    await ingo.identityScore(identityRequest);
    sandbox.revokeTokens();
    await Promise.all(
      Array.from({ length: 25 }, () => ingo.checkMakerScore({ aba: '1', accountNumber: '2' })),
    );
    expect(sandbox.issuedTokens).toBe(2);
    expect(ingo.stats.authenticationRetries).toBe(25);
  });

  it('gives up after one retry with AuthenticationError carrying the traceId', async () => {
    const { sandbox, tokens } = setup();
    // Every token is revoked before the API sees it: the resend gets a 401 too.
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: (input, init) => {
        sandbox.revokeTokens();
        return sandbox.fetch(input, init);
      },
      retry: { limit: 2, delay: () => 0 },
    });
    const error = await ingo.dupexInquiry(check).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, traceId: expect.stringMatching(/^\|/) });
    expect(sandbox.issuedTokens).toBe(2);
    expect(sandbox.stats.count('POST /dupex/inquiry', 401)).toBe(2);
  });

  it('fails with PermissionError at once when the token lacks the scope (403)', async () => {
    const { sandbox, ingo, tokens } = setup({ scope: ingoScopes.checkMakerScore });
    const error = await ingo.dupexInquiry(check).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, traceId: expect.stringMatching(/^\|/) });
    expect(sandbox.issuedTokens).toBe(1);
    expect(sandbox.stats.count('POST /dupex/inquiry', 403)).toBe(1);
    expect(tokens.stats.invalidations).toBe(0);
    expect(ingo.stats).toMatchObject({ requests: 1, authenticationRetries: 0, retries: 0 });
  });

  it.each([
    ['Bearer error="insufficient_scope", scope="a b"', 1],
    ['Bearer realm="ingo", ERROR=insufficient_scope', 1],
    ['Bearer error="invalid_token", error_description="not error=\\"insufficient_scope\\""', 2],
    ['Bearer', 2],
  ])('sends a 401 once more unless its challenge says insufficient_scope: %s', async (challenge, sends) => {
    const { sandbox, tokens } = setup();
    const api = recordingFetch(() =>
      Response.json(
        { title: 'Unauthorized', status: 401, traceId: '|0-0.' },
        { status: 401, headers: { 'www-authenticate': challenge } },
      ),
    );
    const ingo = createIngoClient({ tokens, baseUrl: sandboxBaseUrl, fetch: api.fetch, retry: 0 });
    const error = await ingo.identityScore(identityRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.requests).toHaveLength(sends);
    expect(tokens.stats.invalidations).toBe(sends - 1);
    expect(sandbox.issuedTokens).toBe(sends);
  });

  it('passes token errors through as they are', async () => {
    const { sandbox, ingo } = setup();
    const failing = createIngoClient({
      tokens: createTokenManager({
        tokenUrl: sandboxTokenUrl,
        clientId: 'demo-client',
        clientSecret: 'wrong',
        scope: ingoScopes.identityScore,
        fetch: sandbox.fetch,
      }),
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
    });
    await expect(failing.identityScore(identityRequest)).rejects.toBeInstanceOf(OAuthError);
    expect(ingo.stats.requests).toBe(0);
  });
});

describe('token failures', () => {
  /** A token endpoint that never answers: down, or silent until the manager's timeout. */
  const failingEndpoint = (kind: 'network' | 'timeout') => {
    let requests = 0;
    const fetch: Fetch = (_input, init) => {
      requests += 1;
      if (kind === 'network') return Promise.reject(new TypeError('fetch failed'));
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    return { fetch, requests: () => requests };
  };

  const quick: RetryOptions = { limit: 2, delay: () => 0 };
  it.each<['network' | 'timeout', typeof NetworkError | typeof TimeoutError, RetryOptions]>([
    ['network', NetworkError, quick],
    ['timeout', TimeoutError, quick],
    ['network', NetworkError, { ...quick, shouldRetry: () => true }],
  ])(
    "are thrown after the token manager's own attempts, never retried by ky (%s)",
    async (kind, errorClass, retry) => {
      const endpoint = failingEndpoint(kind);
      const tokens = createTokenManager({
        tokenUrl: sandboxTokenUrl,
        clientId: 'demo-client',
        clientSecret: 'demo-secret',
        scope: ingoScopes.identityScore,
        fetch: endpoint.fetch,
        timeout: 5,
        retry: { limit: 2, delay: () => 0, backoffLimit: 0, cooldown: 0 },
      });
      const api = recordingFetch(() => Response.json({}));
      const ingo = createIngoClient({ tokens, baseUrl: sandboxBaseUrl, fetch: api.fetch, retry });
      const error = await ingo.identityScore(identityRequest).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ url: sandboxTokenUrl });
      expect(endpoint.requests()).toBe(3);
      expect(tokens.stats).toMatchObject({ tokenRequests: 3, failures: 1 });
      expect(ingo.stats).toMatchObject({ retries: 0, requests: 0, failures: 1 });
      expect(api.requests).toHaveLength(0);
    },
  );

  it('are not retried by the ky instance either, even with its shouldRetry replaced', async () => {
    const endpoint = failingEndpoint('network');
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      scope: ingoScopes.identityScore,
      fetch: endpoint.fetch,
      retry: { limit: 2, delay: () => 0, backoffLimit: 0, cooldown: 0 },
    });
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: recordingFetch(() => Response.json({})).fetch,
    });
    const eager = ingo.ky.extend({ retry: { limit: 2, delay: () => 0, shouldRetry: () => true } });
    const error = await eager
      .post(`${sandboxBaseUrl}/identity/score`, { json: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(endpoint.requests()).toBe(3);
    expect(ingo.stats.retries).toBe(0);
  });
});

describe('per-API scopes', () => {
  it('asks for the scope each API checks', async () => {
    const { sandbox, ingo, tokens } = setup({ scopes: ingoScopes, scope: 'ignored-when-scopes-given' });
    await ingo.identityScore(identityRequest);
    await ingo.checkMakerScore({ aba: '1', accountNumber: '2' });
    await ingo.dupexInquiry(check);
    await ingo.identityScore(identityRequest);
    expect(sandbox.issuedTokens).toBe(3);
    expect((await tokens.getToken({ scope: ingoScopes.dupexInquiry })).scope).toBe(ingoScopes.dupexInquiry);
  });
});

describe('retries and errors', () => {
  it('retries 5xx, 429, dropped connections and broken bodies of these read-only POSTs', async () => {
    const { sandbox, ingo } = setup({ retry: { limit: 4, delay: () => 0 } });
    const route = '/identity/score';
    sandbox.injectFault({ kind: 'status', status: 503, route });
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0, route });
    sandbox.injectFault({ kind: 'drop', route });
    sandbox.injectFault({ kind: 'truncated-body', route });
    await expect(ingo.identityScore(identityRequest)).resolves.toHaveProperty('emailAddress');
    expect(ingo.stats).toMatchObject({ retries: 4, requests: 5, failures: 0 });
  });

  it('throws ServerError with the traceId once retries run out', async () => {
    const { sandbox, ingo } = setup();
    sandbox.injectFault({ kind: 'status', status: 500, route: '/check-maker/score', times: 3 });
    const error = await ingo
      .checkMakerScore({ aba: '1', accountNumber: '2' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, traceId: expect.any(String), method: 'POST' });
    expect(problemDetailsOf(error)?.title).toBe('InternalServerError.');
    expect(ingo.stats).toMatchObject({ retries: 2, failures: 1 });
  });

  it('does not retry when told not to', async () => {
    const { sandbox, ingo } = setup({ retry: 0 });
    sandbox.injectFault({ kind: 'status', status: 503, route: '/identity/score' });
    await expect(ingo.identityScore(identityRequest)).rejects.toBeInstanceOf(ServerError);
    expect(ingo.stats.retries).toBe(0);
  });

  it('turns validation problem details into HttpError with the field errors', async () => {
    const { ingo } = setup();
    const error = await ingo
      .identityScore({ identity: { firstName: '', lastName: 'X', ssn: '1' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, retryable: false, traceId: expect.any(String) });
    const problem = problemDetailsOf(error);
    expect(problem?.title).toBe('InputValidationError');
    expect(Object.keys(problem?.errors ?? {})).toEqual(['Identity.FirstName', 'Identity.Ssn']);
    expect(problemDetailsOf(new Error('x'))).toBeUndefined();
  });

  it('rejects a 200 that is not JSON with ResponseFormatError', async () => {
    const { sandbox, ingo } = setup();
    sandbox.injectFault({ kind: 'malformed-json', route: '/identity/score' });
    await expect(ingo.identityScore(identityRequest)).rejects.toBeInstanceOf(ResponseFormatError);
  });

  it('reports a broken connection as NetworkError once retries run out', async () => {
    const { sandbox, ingo } = setup({ retry: { limit: 1, delay: () => 0 } });
    sandbox.injectFault({ kind: 'drop', route: '/identity/score', times: 2 });
    await expect(ingo.identityScore(identityRequest)).rejects.toBeInstanceOf(NetworkError);
  });

  it('aborts a call', async () => {
    const { ingo } = setup();
    await expect(ingo.identityScore(identityRequest, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});

describe('endpoints and configuration', () => {
  const tokens = createTokenManager({ environment: 'uat', clientId: 'a', clientSecret: 'b', scope: 's' });

  it('uses the documented host of each API per environment', () => {
    expect(createIngoClient({ tokens, environment: 'uat' }).endpoints).toEqual({
      identityScore: 'https://insights-uat.ingo.money/identity/score',
      checkMakerScore: 'https://insights-uat.ingo.money/check-maker/score',
      dupexInquiry: 'https://dupex-uat.ingo.money/inquiry',
    });
    expect(createIngoClient({ tokens, environment: 'production' }).endpoints).toEqual(ingoApiUrls.production);
  });

  it('puts the API paths under baseUrl, keeping a path prefix', () => {
    expect(createIngoClient({ tokens, baseUrl: 'https://proxy.test/ingo?x=1' }).endpoints).toEqual({
      identityScore: 'https://proxy.test/ingo/identity/score',
      checkMakerScore: 'https://proxy.test/ingo/check-maker/score',
      dupexInquiry: 'https://proxy.test/ingo/dupex/inquiry',
    });
  });

  it('asks for a production dupex URL instead of guessing one', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('{}'));
    const ingo = createIngoClient({ tokens, environment: 'production', fetch });
    await expect(ingo.dupexInquiry(check)).rejects.toMatchObject({
      name: 'ConfigurationError',
      option: 'endpoints.dupexInquiry',
    });
    expect(requests).toHaveLength(0);
    const configured = createIngoClient({
      tokens,
      environment: 'production',
      endpoints: { dupexInquiry: 'https://dupex.example.test/inquiry' },
    });
    expect(configured.endpoints.dupexInquiry).toBe('https://dupex.example.test/inquiry');
  });

  it.each([
    [{}, 'environment'],
    [{ environment: 'uat', baseUrl: 'https://x.test' }, 'baseUrl'],
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ environment: 'uat', endpoints: { identityScore: 'nope' } }, 'endpoints.identityScore'],
    [{ environment: 'uat', timeout: -1 }, 'timeout'],
    [{ environment: 'uat', retry: 1.5 }, 'retry'],
    [{ environment: 'uat', apiVersion: '' }, 'apiVersion'],
    [{ environment: 'uat', tokens: {} }, 'tokens'],
  ])('names the bad option %#', (options, option) => {
    expect(() => createIngoClient({ tokens, ...(options as Partial<IngoClientOptions>) })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', option }),
    );
    expect(ConfigurationError).toBeDefined();
  });
});

describe('the ky instance', () => {
  it('authenticates any other endpoint and keeps the token out of hooks', async () => {
    const { sandbox, tokens } = setup();
    const seenByHooks: (string | null)[] = [];
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
      hooks: {
        beforeRequest: [({ request }) => void seenByHooks.push(request.headers.get('authorization'))],
      },
    });
    const body = await ingo.ky
      .post(`${sandboxBaseUrl}/check-maker/score`, { json: { aba: '1', accountNumber: 'positive' } })
      .json();
    expect(body).toMatchObject({ score: 900 });
    expect(seenByHooks).toEqual([null]);
  });

  it('counts the token waits a slow clock causes: none while refreshing ahead', async () => {
    const { clock, ingo, tokens } = setup({}, 100);
    for (let index = 0; index < 30; index += 1) {
      clock.advance(10_000);
      await ingo.checkMakerScore({ aba: '1', accountNumber: String(index) });
      // Ten seconds pass between calls: time enough for a background refresh to come back (the
      // sandbox answers in-process, within one turn of the event loop).
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(tokens.stats.waitsOnRefresh).toBe(0);
    expect(tokens.stats.backgroundRefreshes).toBeGreaterThanOrEqual(2);
  });
});
