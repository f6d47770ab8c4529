import { AbortError, NetworkError, OAuthError, ResponseFormatError } from '@bridgekit/errors';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formEncode } from './index.js';
import { ingoScopes } from './ingo-environment.js';
import { awkwardSecret, createClock, ingoSandbox } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManagerOptions } from './token-manager-options.js';

const clock = createClock();
const sandbox = ingoSandbox({ now: clock.now, tokenTtlSeconds: 600 });
const strictSandbox = ingoSandbox({ invalidClientStatus: 401 });
let running: RunningSandbox;
let strict: RunningSandbox;

beforeAll(async () => {
  [running, strict] = await Promise.all([sandbox.listen(), strictSandbox.listen()]);
});
afterAll(async () => {
  await Promise.all([running.close(), strict.close()]);
});
beforeEach(() => {
  sandbox.clearFaults();
  sandbox.setFaults({});
});

function manager(overrides: Partial<TokenManagerOptions> = {}) {
  return createTokenManager({
    tokenUrl: `${running.url}/connect/token`,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
    now: clock.now,
    retry: { delay: () => 0, backoffLimit: 0, cooldown: 0 },
    ...overrides,
  });
}

describe('token manager against the sandbox over loopback', () => {
  it.each(['basic', 'body'] as const)(
    'authenticates with %s, also with an awkward secret',
    async (authMethod) => {
      const token = await manager({
        authMethod,
        clientId: 'awkward client:1',
        clientSecret: awkwardSecret,
      }).getToken();
      expect(token).toMatchObject({
        tokenType: 'Bearer',
        scope: ingoScopes.identityScore,
        expiresAt: clock.now() + 600_000,
      });
    },
  );

  it('proves the encoding: the same secret unencoded in Basic is refused', async () => {
    const raw = await fetch(`${running.url}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`awkward client:1:${awkwardSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(await raw.json()).toEqual({ error: 'invalid_client' });
    const encoded = Buffer.from(`${formEncode('awkward client:1')}:${formEncode(awkwardSecret)}`).toString(
      'base64',
    );
    const ok = await fetch(`${running.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${encoded}` },
      body: 'grant_type=client_credentials',
    });
    expect(ok.status).toBe(200);
  });

  it('sends one token request for 1,000 concurrent callers', async () => {
    sandbox.stats.reset();
    const tokens = manager();
    const results = await Promise.all(Array.from({ length: 1000 }, () => tokens.getToken()));
    expect(new Set(results).size).toBe(1);
    expect(sandbox.stats.count('POST /connect/token')).toBe(1);
  });

  it('refreshes ahead in the background, then waits only after expiry', async () => {
    const tokens = manager();
    const first = await tokens.getToken();
    clock.advance(540_000);
    expect(await tokens.getToken()).toBe(first);
    await expect.poll(() => tokens.stats.tokensFetched).toBe(2);
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    clock.advance(600_000);
    const third = await tokens.getToken();
    expect(third.expiresAt).toBe(clock.now() + 600_000);
    expect(tokens.stats).toMatchObject({ backgroundRefreshes: 1, waitsOnRefresh: 1, tokenRequests: 3 });
  });

  it('reads RFC 6749 errors, with either status', async () => {
    await expect(manager({ clientSecret: 'wrong' }).getToken()).rejects.toMatchObject({
      name: 'OAuthError',
      error: 'invalid_client',
      status: 400,
    });
    await expect(manager({ scope: 'https://apis.ingo.money/auth/unknown' }).getToken()).rejects.toMatchObject(
      {
        error: 'invalid_scope',
      },
    );
    const error = await manager({ tokenUrl: `${strict.url}/connect/token`, clientSecret: 'wrong' })
      .getToken()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: 'invalid_client', status: 401, retryable: false });
  });

  it('retries 5xx, 429 and dropped connections', async () => {
    const tokens = manager({ retry: { limit: 3, delay: () => 0, backoffLimit: 0 } });
    sandbox.injectFault({ kind: 'status', status: 502, route: '/connect/token' });
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0, route: '/connect/token' });
    sandbox.injectFault({ kind: 'drop', route: '/connect/token' });
    await expect(tokens.getToken()).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(tokens.stats).toMatchObject({ tokenRequests: 4, retries: 3 });
  });

  it('reports malformed and broken token responses', async () => {
    sandbox.injectFault({ kind: 'malformed-json', route: '/connect/token' });
    await expect(manager().getToken()).rejects.toBeInstanceOf(ResponseFormatError);
    sandbox.injectFault({ kind: 'truncated-body', route: '/connect/token' });
    await expect(manager({ retry: 0 }).getToken()).rejects.toBeInstanceOf(NetworkError);
  });

  it('lets one waiter abort while the others get the token', async () => {
    sandbox.setFaults({ routes: { '/connect/token': { latency: 30 } } });
    const tokens = manager();
    const controller = new AbortController();
    const leaving = tokens.getToken({ signal: controller.signal });
    const staying = Promise.all([tokens.getToken(), tokens.getToken()]);
    controller.abort();
    await expect(leaving).rejects.toBeInstanceOf(AbortError);
    const [a, b] = await staying;
    expect(a).toBe(b);
    expect(tokens.stats.tokenRequests).toBe(1);
  });

  it('refreshes once when many callers invalidate the same token', async () => {
    const tokens = manager();
    const stale = await tokens.getToken();
    const fresh = await Promise.all(
      Array.from({ length: 50 }, () => {
        tokens.invalidate(stale.accessToken);
        return tokens.getToken();
      }),
    );
    expect(new Set(fresh).size).toBe(1);
    expect(tokens.stats).toMatchObject({ invalidations: 1, tokenRequests: 2 });
  });

  it('gives different scopes different tokens', async () => {
    const tokens = manager();
    const [identity, maker] = await Promise.all([
      tokens.getToken(),
      tokens.getToken({ scope: ingoScopes.checkMakerScore }),
    ]);
    expect(identity.accessToken.reveal()).not.toBe(maker.accessToken.reveal());
    expect(maker.scope).toBe(ingoScopes.checkMakerScore);
  });

  it('refreshes early enough for slow token requests: 5 s tokens, 1.5 s latency, 50 callers, no waits', async () => {
    // refreshAhead (1 s) is shorter than a token request (1.5 s): only counting the request's own
    // time in starts the refresh early enough. The second of margin this leaves is what a loaded
    // machine may stall for without a waiter; jitter 0 is its worst draw.
    const slow = ingoSandbox({
      tokenTtlSeconds: 5,
      faults: { routes: { '/connect/token': { latency: 1500 } } },
    });
    const server = await slow.listen();
    try {
      const tokens = manager({
        tokenUrl: `${server.url}/connect/token`,
        now: Date.now,
        refreshAhead: 1000,
        refreshJitter: 0,
      });
      const end = performance.now() + 6000;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (performance.now() < end) {
            await tokens.getToken();
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      );
      expect(tokens.stats.tokensFetched).toBeGreaterThanOrEqual(2);
      expect(tokens.stats).toMatchObject({ waits: 50, waitsOnRefresh: 0, failures: 0 });
    } finally {
      await server.close();
    }
  }, 15_000);
});
