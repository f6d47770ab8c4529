import { isBridgekitError, isConfigurationError, isServerError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import { thrown } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';
import { createMemoryTokenStore } from './token-store.js';

const tokenUrl = 'https://auth.test/connect/token';
const base = { tokenUrl, clientId: 'id', clientSecret: 'secret-value', scope: 's' } as const;
const tokenFetch = (expiresIn: unknown) => async () =>
  Response.json({ access_token: 'token-0123456789', token_type: 'Bearer', expires_in: expiresIn });

describe('hostile input to the token manager and the memory store', () => {
  it.each([[undefined], [null], [Number.NaN], [{}], [{ accessToken: 5 }]])(
    'invalidate(%s) is a ConfigurationError',
    (value) => {
      const tokens = createTokenManager({ ...base, fetch: tokenFetch(3600) });
      expect(isConfigurationError(thrown(() => tokens.invalidate(value as never)))).toBe(true);
    },
  );

  it('createMemoryTokenStore and its calls check their arguments', async () => {
    expect(isConfigurationError(thrown(() => createMemoryTokenStore(null as never)))).toBe(true);
    expect(isConfigurationError(thrown(() => createMemoryTokenStore({ now: 5 as never })))).toBe(true);
    const store = createMemoryTokenStore();
    const token = await createTokenManager({ ...base, fetch: tokenFetch(3600) }).getToken();
    for (const ttl of [10n, Symbol('x'), Object.create(null), Number.NaN, -1]) {
      expect(isConfigurationError(thrown(() => store.set('k', token, ttl as never)))).toBe(true);
    }
    for (const value of [undefined, null, Number.NaN]) {
      expect(isConfigurationError(thrown(() => store.delete?.('k', value as never)))).toBe(true);
    }
  });

  it('never caches a token for ever, whatever expires_in says', async () => {
    for (const expiresIn of [1e308, Number.MAX_VALUE, '99999999999999']) {
      const token = await createTokenManager({ ...base, fetch: tokenFetch(expiresIn) }).getToken();
      expect(Number.isFinite(token.expiresAt)).toBe(true);
      expect(token.expiresAt - token.issuedAt).toBeLessThanOrEqual(86_400_000);
    }
  });

  it('a Retry-After of years does not park an Ingo call past its timeout', async () => {
    const fetch = async (input: Request | string | URL) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url === tokenUrl) return tokenFetch(3600)();
      return Response.json({ title: 'busy' }, { status: 503, headers: { 'retry-after': '99999999999' } });
    };
    const tokens = createTokenManager({ ...base, fetch });
    const ingo = createIngoClient({ tokens, baseUrl: 'https://api.test', fetch, timeout: 300, retry: 1 });
    const started = performance.now();
    const error = await ingo.identityScore({ emailAddress: 'a@b.test' }).catch((caught: unknown) => caught);
    expect(isBridgekitError(error) && isServerError(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('signals, stores and bodiless answers, the cases a review found', () => {
  const lookAlike = { aborted: false } as unknown as AbortSignal;

  it('a signal look-alike is a ConfigurationError, before any request', async () => {
    let requests = 0;
    const fetch = async () => {
      requests += 1;
      return tokenFetch(3600)();
    };
    const tokens = createTokenManager({ ...base, fetch });
    await expect(tokens.getToken({ signal: lookAlike })).rejects.toSatisfy(isConfigurationError);
    const ingo = createIngoClient({ tokens, baseUrl: 'https://api.test', fetch });
    await expect(ingo.identityScore({ emailAddress: 'a@b.test' }, { signal: lookAlike })).rejects.toSatisfy(
      isConfigurationError,
    );
    expect(requests).toBe(0);
  });

  it.each([[{}], ['redis://127.0.0.1'], [42], [{ get() {}, set: 1 }]])(
    'store %j is a ConfigurationError',
    (store) => {
      expect(isConfigurationError(thrown(() => createTokenManager({ ...base, store: store as never })))).toBe(
        true,
      );
    },
  );

  it('a 204 from the API is a ResponseFormatError, not a retryable NetworkError', async () => {
    const fetch = async (input: Request | string | URL) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return url === tokenUrl ? tokenFetch(3600)() : new Response(null, { status: 204 });
    };
    const ingo = createIngoClient({
      tokens: createTokenManager({ ...base, fetch }),
      baseUrl: 'https://api.test',
      fetch,
    });
    const error = await ingo.identityScore({ emailAddress: 'a@b.test' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ResponseFormatError', retryable: false });
  });
});
