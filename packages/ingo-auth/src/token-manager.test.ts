import {
  AbortError,
  ConfigurationError,
  NetworkError,
  OAuthError,
  ResponseFormatError,
  ServerError,
  TimeoutError,
} from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { ingoScopes, ingoTokenUrls } from './ingo-environment.js';
import {
  allScopes,
  awkwardSecret,
  createClock,
  deferred,
  ingoSandbox,
  recordingFetch,
  sandboxTokenUrl,
  tokenJson,
} from './testing/test-helpers.js';
import { fetchedEvents, managerFor, noWaiting } from './testing/token-manager-helpers.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManagerOptions } from './token-manager-options.js';
import { createMemoryTokenStore } from './token-store.js';

describe('token requests', () => {
  it('posts a form with grant_type and scope, and Basic credentials form-encoded first', async () => {
    const { fetch, requests } = recordingFetch(() =>
      tokenJson({ access_token: 'abc', expires_in: 3600, token_type: 'Bearer' }),
    );
    const tokens = createTokenManager({
      environment: 'uat',
      clientId: 'id:1',
      clientSecret: 'a b+c',
      scope: 'scope-a',
      fetch,
    });
    await tokens.getToken();
    const [request] = requests;
    expect(request?.url).toBe(ingoTokenUrls.uat);
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa('id%3A1:a+b%2Bc')}`);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'scope-a',
    });
  });

  it('sends client_id and client_secret in the body with authMethod body, never in the URL', async () => {
    const { fetch, requests } = recordingFetch(() =>
      tokenJson({ access_token: 'abc', expires_in: 60, token_type: 'bearer' }),
    );
    const tokens = createTokenManager({
      environment: 'production',
      clientId: 'id',
      clientSecret: 's3cret&x=1',
      scope: 'scope-a',
      authMethod: 'body',
      fetch,
    });
    await tokens.getToken();
    const [request] = requests;
    expect(request?.url).toBe(ingoTokenUrls.production);
    expect(request?.headers.has('authorization')).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'scope-a',
      client_id: 'id',
      client_secret: 's3cret&x=1',
    });
  });

  it.each(['basic', 'body'] as const)(
    'gets a sandbox token with an awkward secret (%s)',
    async (authMethod) => {
      const sandbox = ingoSandbox();
      const tokens = managerFor(sandbox, createClock(), {
        clientId: 'awkward client:1',
        clientSecret: awkwardSecret,
        authMethod,
      });
      const token = await tokens.getToken();
      expect(token.tokenType).toBe('Bearer');
      expect(token.scope).toBe(ingoScopes.identityScore);
      expect(await tokens.getAuthorizationHeader()).toBe(`Bearer ${token.accessToken.reveal()}`);
    },
  );
});

describe('cache, single flight and refresh ahead', () => {
  it('answers 1,000 concurrent callers with one token request', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    const results = await Promise.all(Array.from({ length: 1000 }, () => tokens.getToken()));
    expect(new Set(results.map((token) => token.accessToken.reveal())).size).toBe(1);
    expect(sandbox.issuedTokens).toBe(1);
    expect(tokens.stats).toMatchObject({ calls: 1000, waits: 1000, tokenRequests: 1, tokensFetched: 1 });
    await tokens.getToken();
    expect(tokens.stats.cacheHits).toBe(1);
  });

  it('counts every call and hit, whichever path answers it', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    await tokens.getToken();
    await tokens.getToken();
    await tokens.getToken({ scope: ingoScopes.identityScore });
    await tokens.getAuthorizationHeader();
    await expect(tokens.getToken({ scope: 42 as never })).rejects.toBeInstanceOf(ConfigurationError);
    expect(tokens.stats).toMatchObject({ calls: 5, cacheHits: 3, waits: 1, tokenRequests: 1 });
  });

  it('reads the clock once per call that finds a token, fresh or due for a refresh', async () => {
    const sandbox = ingoSandbox({ tokenTtlSeconds: 100 });
    const clock = createClock();
    let reads = 0;
    const now = () => {
      reads += 1;
      return clock.now();
    };
    const tokens = managerFor(sandbox, clock, { now });
    await tokens.getToken();
    const readsOf = (call: () => Promise<unknown>) => {
      const before = reads;
      void call();
      return reads - before;
    };
    expect([readsOf(() => tokens.getToken()), readsOf(() => tokens.getToken({}))]).toEqual([1, 1]);
    clock.advance(90_000);
    // Due for a refresh: the first call starts it; while it is in flight, each call reads once.
    const refreshed = tokens.getToken();
    expect([readsOf(() => tokens.getToken()), readsOf(() => tokens.getToken({}))]).toEqual([1, 1]);
    await refreshed;
  });

  it('serves the cached token until the refresh point, then refreshes in the background', async () => {
    const sandbox = ingoSandbox({ tokenTtlSeconds: 100 });
    const clock = createClock();
    const fetched = fetchedEvents();
    const tokens = managerFor(sandbox, clock, { onTokenFetched: fetched.onTokenFetched, now: clock.now });
    const first = await tokens.getToken();
    // 100 s lifetime: refresh ahead is min(60 s, 10 s) = 10 s; jitter is 0 with random() = 0.
    expect(first.expiresAt - clock.now()).toBe(100_000);
    clock.advance(89_999);
    expect(await tokens.getToken()).toBe(first);
    expect(sandbox.issuedTokens).toBe(1);

    clock.advance(1);
    const refreshed = fetched.next();
    const during = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(during.every((token) => token === first)).toBe(true);
    const event = await refreshed;
    expect(event.background).toBe(true);
    expect(sandbox.issuedTokens).toBe(2);
    const second = await tokens.getToken();
    expect(second.accessToken.reveal()).not.toBe(first.accessToken.reveal());
    expect(tokens.stats).toMatchObject({ backgroundRefreshes: 1, waitsOnRefresh: 0, tokenRequests: 2 });
  });

  it('adds jitter to the refresh point, within half the lifetime', async () => {
    const sandbox = ingoSandbox({ tokenTtlSeconds: 100 });
    const clock = createClock();
    const tokens = managerFor(sandbox, clock, { random: () => 0.999_999 });
    const first = await tokens.getToken();
    // 10 s ahead plus up to 5 s of jitter (almost all of it here): fresh until about 85 s, less
    // the token request's measured (real) time, which a loaded machine stretches; without the
    // jitter, fresh until 90 s. So: fresh at 84 s, due at 86 s.
    clock.advance(84_000);
    expect(await tokens.getToken()).toBe(first);
    expect(tokens.stats.backgroundRefreshes).toBe(0);
    clock.advance(2_000);
    await tokens.getToken();
    expect(tokens.stats.backgroundRefreshes).toBe(1);

    // However large refreshAhead and jitter are, a token is served fresh for half its lifetime.
    const shortClock = createClock();
    const short = managerFor(ingoSandbox({ tokenTtlSeconds: 10, now: shortClock.now }), shortClock, {
      refreshAhead: 60_000,
      refreshJitter: 60_000,
    });
    await short.getToken();
    shortClock.advance(4999);
    await short.getToken();
    expect(short.stats.backgroundRefreshes).toBe(0);
    shortClock.advance(1);
    await short.getToken();
    expect(short.stats.backgroundRefreshes).toBe(1);
  });

  it('makes callers wait once the token expired, and counts that', async () => {
    const sandbox = ingoSandbox({ tokenTtlSeconds: 60 });
    const clock = createClock();
    const tokens = managerFor(sandbox, clock);
    const first = await tokens.getToken();
    clock.advance(60_000);
    const second = await tokens.getToken();
    expect(second.accessToken.reveal()).not.toBe(first.accessToken.reveal());
    expect(second.expiresAt).toBe(clock.now() + 60_000);
    expect(tokens.stats).toMatchObject({ waits: 2, waitsOnRefresh: 1, backgroundRefreshes: 0 });
  });

  it('refreshes on forceRefresh, joining a request already in flight', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    const first = await tokens.getToken();
    const [a, b] = await Promise.all([
      tokens.getToken({ forceRefresh: true }),
      tokens.getToken({ forceRefresh: true }),
    ]);
    expect(a).toBe(b);
    expect(a.accessToken.reveal()).not.toBe(first.accessToken.reveal());
    expect(sandbox.issuedTokens).toBe(2);
  });

  it('keeps tokens apart per scope, in one manager and across managers', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const tokens = managerFor(sandbox, clock);
    const identity = await tokens.getToken();
    const dupex = await tokens.getToken({ scope: ingoScopes.dupexInquiry });
    const both = await tokens.getToken({ scope: `${ingoScopes.dupexInquiry}  ${ingoScopes.identityScore}` });
    const bothAgain = await tokens.getToken({
      scope: `${ingoScopes.identityScore} ${ingoScopes.dupexInquiry}`,
    });
    expect(dupex.scope).toBe(ingoScopes.dupexInquiry);
    expect(identity.accessToken.reveal()).not.toBe(dupex.accessToken.reveal());
    expect(bothAgain).toBe(both);
    expect(sandbox.issuedTokens).toBe(3);

    const store = createMemoryTokenStore({ now: clock.now });
    const identityManager = managerFor(sandbox, clock, { store });
    const makerManager = managerFor(sandbox, clock, { store, scope: ingoScopes.checkMakerScore });
    const [x, y] = await Promise.all([identityManager.getToken(), makerManager.getToken()]);
    expect(x.scope).not.toBe(y.scope);
    expect(x.accessToken.reveal()).not.toBe(y.accessToken.reveal());
    await expect(tokens.getToken({ scope: ' ' })).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('invalidate', () => {
  it('is a compare-and-swap: N concurrent 401s cause one refresh', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    const stale = await tokens.getToken();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const dropped = tokens.invalidate(stale.accessToken);
        return { dropped, token: await tokens.getToken() };
      }),
    );
    expect(outcomes.filter((outcome) => outcome.dropped)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.token.accessToken.reveal())).size).toBe(1);
    expect(sandbox.issuedTokens).toBe(2);
    expect(tokens.invalidate(stale.accessToken.reveal())).toBe(false);
    expect(tokens.invalidate('never-issued')).toBe(false);
    const current = await tokens.getToken();
    expect(tokens.invalidate(current)).toBe(true);
    expect(tokens.stats.invalidations).toBe(2);
  });

  it('never takes the invalidated token back from a shared store', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const tokens = managerFor(sandbox, clock, { store });
    const stale = await tokens.getToken();
    tokens.invalidate(stale.accessToken);
    const fresh = await tokens.getToken();
    expect(fresh.accessToken.reveal()).not.toBe(stale.accessToken.reveal());
    expect(tokens.stats.storeHits).toBe(0);
  });

  it('removes the invalidated token from a shared store, and only that token', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const first = managerFor(sandbox, clock, { store });
    const stale = await first.getToken();
    expect(first.invalidate(stale)).toBe(true);
    // Another manager (or process) on the store must not pick up the token an API refused.
    const second = managerFor(sandbox, clock, { store });
    const fresh = await second.getToken();
    expect(fresh.accessToken.reveal()).not.toBe(stale.accessToken.reveal());
    expect(second.stats.storeHits).toBe(0);
    expect(sandbox.issuedTokens).toBe(2);
    // A late invalidate() of the old token leaves the newer one in the store.
    const third = managerFor(sandbox, clock, { store });
    const late = managerFor(sandbox, clock, { store });
    await third.getToken();
    const adopted = await late.getToken();
    expect(adopted.accessToken.reveal()).toBe(fresh.accessToken.reveal());
    expect(first.invalidate(stale)).toBe(false);
    expect(late.invalidate(stale)).toBe(false);
    expect((await managerFor(sandbox, clock, { store }).getToken()).accessToken.reveal()).toBe(
      fresh.accessToken.reveal(),
    );
    expect(sandbox.issuedTokens).toBe(2);
  });
});

describe('abort', () => {
  it('rejects only the aborted caller; the shared request goes on for the others', async () => {
    const release = deferred();
    const { fetch, requests } = recordingFetch(async () => {
      await release.promise;
      return tokenJson({ access_token: 'shared', expires_in: 3600, token_type: 'Bearer' });
    });
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
    });
    const controller = new AbortController();
    const aborted = tokens.getToken({ signal: controller.signal });
    const patient = tokens.getToken();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    release.resolve();
    expect((await patient).accessToken.reveal()).toBe('shared');
    expect(requests).toHaveLength(1);
    await expect(tokens.getToken({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });
});

describe('failures', () => {
  it.each([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ])('turns %s into an OAuthError without retrying', async (code) => {
    const { fetch, requests } = recordingFetch(() =>
      tokenJson({ error: code, error_description: 'no' }, 400),
    );
    const errors: unknown[] = [];
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
      retry: noWaiting,
      onTokenError: (error) => errors.push(error),
    });
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: code, errorDescription: 'no', status: 400, retryable: false });
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([error]);
    expect(tokens.stats).toMatchObject({ failures: 1, tokenRequests: 1, retries: 0 });
  });

  it('also reads invalid_client over 401, and the sandbox answers bad credentials and scopes', async () => {
    const { fetch } = recordingFetch(() => tokenJson({ error: 'invalid_client' }, 401));
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
    });
    await expect(tokens.getToken()).rejects.toMatchObject({
      name: 'OAuthError',
      error: 'invalid_client',
      status: 401,
    });

    const sandbox = ingoSandbox();
    const clock = createClock();
    await expect(managerFor(sandbox, clock, { clientSecret: 'wrong' }).getToken()).rejects.toMatchObject({
      error: 'invalid_client',
    });
    await expect(
      managerFor(sandbox, clock, { scope: 'https://apis.ingo.money/auth/unknown' }).getToken(),
    ).rejects.toMatchObject({
      error: 'invalid_scope',
    });
  });

  it('retries 5xx, 429 and network errors, then succeeds', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    sandbox.injectFault({ kind: 'status', status: 503, route: '/connect/token' });
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0, route: '/connect/token' });
    await tokens.getToken();
    expect(tokens.stats).toMatchObject({ tokenRequests: 3, retries: 2, failures: 0 });

    const dropping = ingoSandbox();
    const again = managerFor(dropping, createClock());
    dropping.injectFault({ kind: 'drop', route: '/connect/token', times: 2 });
    await again.getToken();
    expect(dropping.stats.count('POST /connect/token', 'dropped')).toBe(2);
    expect(again.stats.retries).toBe(2);
  });

  it('throws after the last attempt, caches no failure, and tries again on the next call', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    sandbox.injectFault({ kind: 'status', status: 500, route: '/connect/token', times: 3 });
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, retryable: true, traceId: expect.any(String) });
    expect(sandbox.stats.count('POST /connect/token', 500)).toBe(3);
    await expect(tokens.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(tokens.stats).toMatchObject({ failures: 1, tokensFetched: 1, tokenRequests: 4 });
  });

  it('holds the next request back for the cooldown after a failure', async () => {
    const sandbox = ingoSandbox();
    const clock = createClock();
    const tokens = managerFor(sandbox, clock, { retry: { limit: 0, cooldown: 60_000 } });
    sandbox.injectFault({ kind: 'status', status: 502, route: '/connect/token' });
    await expect(tokens.getToken()).rejects.toBeInstanceOf(ServerError);
    const controller = new AbortController();
    const waiting = tokens.getToken({ signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sandbox.stats.count('POST /connect/token')).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);

    const recovered = managerFor(sandbox, clock, { retry: { limit: 0, cooldown: 60_000 } });
    sandbox.injectFault({ kind: 'status', status: 502, route: '/connect/token' });
    await expect(recovered.getToken()).rejects.toBeInstanceOf(ServerError);
    clock.advance(60_000);
    await expect(recovered.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('times out a silent token endpoint and retries', async () => {
    const fetch = (_input: Request | string | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
      timeout: 5,
      retry: { ...noWaiting, limit: 1 },
    });
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(tokens.stats.tokenRequests).toBe(2);
  });

  it('turns a body that broke off into a retryable NetworkError', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock(), { retry: { ...noWaiting, limit: 0 } });
    sandbox.injectFault({ kind: 'truncated-body', route: '/connect/token' });
    await expect(tokens.getToken()).rejects.toBeInstanceOf(NetworkError);
  });

  it.each([
    ['not JSON', 'Service is down for maintenance', undefined],
    ['an HTML page', '<html><body>Bad gateway</body></html>', undefined],
    ['a JSON array', '[]', undefined],
    ['no access_token', { expires_in: 3600, token_type: 'Bearer' }, 'access_token'],
    ['an empty access_token', { access_token: '', expires_in: 3600, token_type: 'Bearer' }, 'access_token'],
    ['a zero expires_in', { access_token: 'x', expires_in: 0, token_type: 'Bearer' }, 'expires_in'],
    ['a negative expires_in', { access_token: 'x', expires_in: -5, token_type: 'Bearer' }, 'expires_in'],
    [
      'a non-numeric expires_in',
      { access_token: 'x', expires_in: 'soon', token_type: 'Bearer' },
      'expires_in',
    ],
    ['no expires_in', { access_token: 'x', token_type: 'Bearer' }, 'expires_in'],
    ['a MAC token', { access_token: 'x', expires_in: 60, token_type: 'mac' }, 'token_type'],
    ['no token_type', { access_token: 'x', expires_in: 60 }, 'token_type'],
  ])('rejects a 200 with %s as ResponseFormatError, without retrying', async (_name, body, field) => {
    const { fetch, requests } = recordingFetch(() => tokenJson(body));
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
    });
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ field, status: 200 });
    expect(requests).toHaveLength(1);
  });

  it('accepts a numeric string expires_in and any spelling of Bearer', async () => {
    const clock = createClock();
    const { fetch } = recordingFetch(() =>
      tokenJson({ access_token: 'x', expires_in: '120', token_type: 'BEARER' }),
    );
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
      now: clock.now,
    });
    const token = await tokens.getToken();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresAt: clock.now() + 120_000, scope: 's' });
  });

  it('gives a malformed sandbox answer as ResponseFormatError', async () => {
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    sandbox.injectFault({ kind: 'malformed-json', route: '/connect/token' });
    await expect(tokens.getToken()).rejects.toBeInstanceOf(ResponseFormatError);
    expect(sandbox.stats.count('POST /connect/token')).toBe(1);
  });
});

describe('clock', () => {
  it("corrects a skewed local clock with the response's Date header", async () => {
    const serverClock = createClock();
    const sandbox = ingoSandbox({ now: serverClock.now, tokenTtlSeconds: 3600 });
    // The local clock runs 30 minutes ahead of the server's.
    const localClock = createClock(serverClock.now() + 30 * 60_000);
    const events = fetchedEvents();
    const tokens = managerFor(sandbox, localClock, { onTokenFetched: events.onTokenFetched });
    const token = await tokens.getToken();
    expect(token.expiresAt).toBe(localClock.now() + 3_600_000);
    expect(events.events[0]?.clockSkew).toBe(-30 * 60_000);

    // Without the Date header, the JWT's exp read on the fast local clock would cut the lifetime short.
    const withoutDate = managerFor(sandbox, localClock, {
      fetch: async (input, init) => {
        const response = await sandbox.fetch(input, init);
        const headers = new Headers(response.headers);
        headers.delete('date');
        return new Response(response.body, { status: response.status, headers });
      },
    });
    const shortened = await withoutDate.getToken();
    expect(shortened.expiresAt).toBe(localClock.now() + 1_800_000);
  });

  it('counts expires_in from when the request was sent', async () => {
    const clock = createClock();
    const { fetch } = recordingFetch(() => {
      clock.advance(2000);
      return tokenJson({ access_token: 'opaque', expires_in: 60, token_type: 'Bearer' });
    });
    const tokens = createTokenManager({
      tokenUrl: sandboxTokenUrl,
      clientId: 'a',
      clientSecret: 'b',
      scope: 's',
      fetch,
      now: clock.now,
    });
    const token = await tokens.getToken();
    expect(token.expiresAt).toBe(clock.now() - 2000 + 60_000);
    expect(token.issuedAt).toBe(clock.now() - 2000);
  });
});

describe('hooks and stats', () => {
  it('report fetched tokens and failures, and ignore a throwing hook', async () => {
    const clock = createClock();
    const sandbox = ingoSandbox({ tokenTtlSeconds: 600, now: clock.now });
    const events = fetchedEvents();
    const tokens = managerFor(sandbox, clock, {
      onTokenFetched: (event) => {
        events.onTokenFetched(event);
        throw new Error('a broken metrics hook');
      },
    });
    const token = await tokens.getToken();
    expect(events.events).toEqual([
      {
        expiresAt: token.expiresAt,
        durationMs: expect.any(Number),
        scope: ingoScopes.identityScore,
        attempts: 1,
        background: false,
        clockSkew: 0,
      },
    ]);
    expect(Object.isFrozen(tokens.stats)).toBe(true);
  });
});

describe('configuration', () => {
  const base = { clientId: 'id', clientSecret: 'super-secret-value', scope: 's' };
  it.each([
    [{ ...base }, 'environment'],
    [{ ...base, environment: 'staging' as never }, 'environment'],
    [{ ...base, environment: 'uat' as const, tokenUrl: 'https://x.test/token' }, 'tokenUrl'],
    [{ ...base, tokenUrl: 'ftp://x.test' }, 'tokenUrl'],
    [{ ...base, tokenUrl: 'https://id:super-secret-value@x.test/token' }, 'tokenUrl'],
    [{ ...base, environment: 'uat' as const, clientId: '' }, 'clientId'],
    [{ ...base, environment: 'uat' as const, clientSecret: '' }, 'clientSecret'],
    [{ ...base, environment: 'uat' as const, scope: '' }, 'scope'],
    [{ ...base, environment: 'uat' as const, authMethod: 'digest' as never }, 'authMethod'],
    [{ ...base, environment: 'uat' as const, retry: -1 }, 'retry'],
    [{ ...base, environment: 'uat' as const, retry: { backoffLimit: -1 } }, 'retry.backoffLimit'],
    [{ ...base, environment: 'uat' as const, timeout: 0 }, 'timeout'],
    [{ ...base, environment: 'uat' as const, storeTimeout: 0 }, 'storeTimeout'],
    [{ ...base, environment: 'uat' as const, refreshAhead: Number.NaN }, 'refreshAhead'],
    [{ ...base, environment: 'uat' as const, storeCheckInterval: -1 }, 'storeCheckInterval'],
    [{ ...base, environment: 'uat' as const, onStoreError: 'log' as never }, 'onStoreError'],
  ] as [TokenManagerOptions, string][])('names the bad option %#', (options, option) => {
    const error = (() => {
      try {
        createTokenManager(options);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option });
    expect(String((error as Error).message)).not.toContain('super-secret-value');
  });

  it('exposes the resolved settings', () => {
    const tokens = createTokenManager({
      ...base,
      environment: 'uat',
      scope: ` ${allScopes[0]}  ${allScopes[1]} `,
    });
    expect(tokens).toMatchObject({
      tokenUrl: ingoTokenUrls.uat,
      clientId: 'id',
      scope: `${allScopes[0]} ${allScopes[1]}`,
    });
  });
});
