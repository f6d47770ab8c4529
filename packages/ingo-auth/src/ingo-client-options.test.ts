import { inspect } from 'node:util';
import { isConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import type { IngoClientOptions } from './ingo-client-options.js';
import {
  allScopes,
  createClock,
  identityRequest,
  ingoSandbox,
  sandboxBaseUrl,
  sandboxTokenUrl,
} from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';

function setup(overrides: Partial<IngoClientOptions> = {}) {
  const clock = createClock();
  const sandbox = ingoSandbox({ now: clock.now });
  const tokens = createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: allScopes.join(' '),
    fetch: sandbox.fetch,
    now: clock.now,
  });
  const ingo = createIngoClient({
    tokens,
    baseUrl: sandboxBaseUrl,
    fetch: sandbox.fetch,
    retry: 0,
    ...overrides,
  });
  return { ingo, tokens, sandbox };
}

function construct(options: unknown): unknown {
  try {
    createIngoClient(options as IngoClientOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createIngoClient options', () => {
  const { tokens } = setup();

  it.each([
    ['no options', undefined],
    ['null', null],
    ['retry null', { tokens, baseUrl: sandboxBaseUrl, retry: null }],
    ['timeout 2^31', { tokens, baseUrl: sandboxBaseUrl, timeout: 2 ** 31 }],
    ['hooks.afterResponse a string', { tokens, baseUrl: sandboxBaseUrl, hooks: { afterResponse: 'x' } }],
    [
      'endpoints with an unknown API',
      { tokens, baseUrl: sandboxBaseUrl, endpoints: { score: 'https://x.test/' } },
    ],
    ['scopes with a number', { tokens, baseUrl: sandboxBaseUrl, scopes: { identityScore: 5 } }],
    ['headers with a number', { tokens, baseUrl: sandboxBaseUrl, headers: { a: 1 } }],
  ])('%s is a ConfigurationError', (_name, options) => {
    expect(isConfigurationError(construct(options))).toBe(true);
  });

  it('refuses user info in baseUrl and endpoints without echoing it', () => {
    for (const options of [
      { tokens, baseUrl: 'http://user:hunter2-password@127.0.0.1/' },
      { tokens, environment: 'uat', endpoints: { dupexInquiry: 'https://user:hunter2-password@x.test/' } },
    ]) {
      const error = construct(options);
      expect(isConfigurationError(error)).toBe(true);
      expect(inspect(error, { depth: 5 }) + JSON.stringify(error)).not.toContain('hunter2-password');
    }
  });

  it('rejects bad call arguments as a rejection, not a TypeError', async () => {
    const { ingo } = setup();
    await expect(ingo.identityScore(identityRequest, null as never)).rejects.toSatisfy(isConfigurationError);
    await expect(ingo.identityScore(null as never)).rejects.toSatisfy(isConfigurationError);
    await expect(ingo.identityScore(identityRequest, { signal: {} as AbortSignal })).rejects.toSatisfy(
      isConfigurationError,
    );
  });
});

describe('user hooks', () => {
  it('an afterResponse hook that returns a new Response still gets a valid answer read', async () => {
    const { ingo } = setup({
      hooks: {
        afterResponse: [
          async ({ response }) =>
            new Response(await response.text(), { status: response.status, headers: response.headers }),
        ],
      },
    });
    const scores = await ingo.identityScore(identityRequest);
    expect(scores).toEqual(expect.objectContaining({ emailAddress: expect.anything() }));
  });

  it("run after the client's own, which keep the Authorization header from them", async () => {
    const seen: (string | null)[] = [];
    const { ingo } = setup({
      hooks: { beforeRequest: [({ request }) => void seen.push(request.headers.get('authorization'))] },
    });
    await ingo.identityScore(identityRequest);
    expect(seen).toEqual([null]);
  });
});
