import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basicCredentials } from './index.js';
import { createIngoClient } from './ingo-client.js';
import { ingoScopes } from './ingo-environment.js';
import {
  createClock,
  identityRequest,
  ingoSandbox,
  recordingFetch,
  sandboxBaseUrl,
  sandboxTokenUrl,
  tokenJson,
} from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManagerOptions } from './token-manager-options.js';

const secret = 'S3cr3t-Value_that+must:never%leak';
const leakedToken = 'eyJhbGciOiJIUzI1NiJ9.TOKEN-THAT-MUST-NOT-LEAK.c2ln';

/** Every way an error or object is commonly turned into text. */
function renderings(value: unknown): string[] {
  const error = value as Error;
  return [
    String(value),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    error instanceof Error ? (error.stack ?? '') : '',
  ];
}

function expectClean(value: unknown, ...forbidden: string[]): void {
  for (const text of renderings(value)) {
    for (const word of [
      secret,
      encodeURIComponent(secret),
      basicCredentials('demo-client', secret).slice(6),
      ...forbidden,
    ]) {
      expect(text).not.toContain(word);
    }
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

function managerWith(
  fetch: NonNullable<TokenManagerOptions['fetch']>,
  overrides: Partial<TokenManagerOptions> = {},
) {
  return createTokenManager({
    tokenUrl: sandboxTokenUrl,
    clientId: 'demo-client',
    clientSecret: secret,
    scope: ingoScopes.identityScore,
    fetch,
    retry: { limit: 1, delay: () => 0, backoffLimit: 0, cooldown: 0 },
    ...overrides,
  });
}

describe('no secret or token in any error output', () => {
  it('token endpoint failures', async () => {
    const sandbox = ingoSandbox();
    const errors: unknown[] = [];
    errors.push(await failure(managerWith(sandbox.fetch).getToken()));
    errors.push(await failure(managerWith(sandbox.fetch, { authMethod: 'body' }).getToken()));
    sandbox.injectFault({ kind: 'status', status: 503, route: '/connect/token', times: 2 });
    errors.push(await failure(managerWith(sandbox.fetch).getToken()));
    sandbox.injectFault({ kind: 'drop', route: '/connect/token', times: 2 });
    errors.push(await failure(managerWith(sandbox.fetch).getToken()));
    const echoing = recordingFetch(() => tokenJson({ error: 'invalid_client', client_secret: secret }, 400));
    errors.push(await failure(managerWith(echoing.fetch).getToken()));
    const silent = managerWith(
      (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      { timeout: 5 },
    );
    errors.push(await failure(silent.getToken()));
    for (const error of errors) expectClean(error);
    expect(errors.map((error) => (error as Error).name)).toEqual([
      'OAuthError',
      'OAuthError',
      'ServerError',
      'NetworkError',
      'OAuthError',
      'TimeoutError',
    ]);
  });

  it.each([
    [
      'a token with a bad expires_in',
      { access_token: leakedToken, expires_in: 'soon', token_type: 'Bearer' },
    ],
    ['a token with a bad type', { access_token: leakedToken, expires_in: 60, token_type: 'N/A' }],
    ['a truncated JSON body', `{"access_token": "${leakedToken}`],
    ['a form-encoded body', `access_token=${leakedToken}&token_type=bearer`],
  ])('malformed responses: %s', async (_name, body) => {
    const { fetch } = recordingFetch(() => tokenJson(body));
    const error = await failure(managerWith(fetch).getToken());
    expect((error as Error).name).toBe('ResponseFormatError');
    expectClean(error, leakedToken, 'TOKEN-THAT-MUST-NOT-LEAK');
  });

  it('configuration errors', () => {
    const attempts = [
      () =>
        createTokenManager({
          tokenUrl: `https://demo-client:${secret}@x.test/token`,
          clientId: 'demo-client',
          clientSecret: secret,
          scope: 's',
        }),
      // Unparsable: Node's TypeError would carry the whole input, user info included.
      () =>
        createTokenManager({
          tokenUrl: `https://demo-client:${secret}@exa mple.test/token`,
          clientId: 'demo-client',
          clientSecret: secret,
          scope: 's',
        }),
      () =>
        createTokenManager({
          tokenUrl: 'https://id:SUPERSECRET@exa mple.com/token',
          clientId: 'demo-client',
          clientSecret: 'SUPERSECRET',
          scope: 's',
        }),
      () =>
        createTokenManager({
          environment: 'uat',
          clientId: 'demo-client',
          clientSecret: secret,
          scope: '',
          authMethod: 'basic',
        }),
      () =>
        createTokenManager({
          environment: 'uat',
          clientId: secret as never,
          clientSecret: { reveal: () => 42 } as never,
          scope: 's',
        }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect((caught as Error).name).toBe('ConfigurationError');
      expectClean(caught, 'SUPERSECRET');
    }
  });

  it('API failures, the manager, its tokens and the client', async () => {
    const clock = createClock();
    const sandbox = ingoSandbox({
      now: clock.now,
      clients: [{ clientId: 'demo-client', clientSecret: secret, scopes: Object.values(ingoScopes) }],
    });
    const tokens = managerWith(sandbox.fetch, { now: clock.now, scope: ingoScopes.checkMakerScore });
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
      retry: { limit: 1, delay: () => 0 },
    });
    const token = await tokens.getToken();
    const accessToken = token.accessToken.reveal();
    const errors: unknown[] = [];
    errors.push(await failure(ingo.identityScore(identityRequest)));
    sandbox.injectFault({ kind: 'status', status: 500, route: '/check-maker/score', times: 2 });
    errors.push(await failure(ingo.checkMakerScore({ aba: '1', accountNumber: '2' })));
    sandbox.injectFault({ kind: 'drop', route: '/check-maker/score', times: 2 });
    errors.push(await failure(ingo.checkMakerScore({ aba: '1', accountNumber: '2' })));
    errors.push(await failure(ingo.checkMakerScore({ aba: 'x', accountNumber: '' })));
    // Revoked before the API sees it, every time: a 401, a fresh token, and a 401 again.
    const revoking = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: (input, init) => {
        sandbox.revokeTokens();
        return sandbox.fetch(input, init);
      },
      retry: 0,
    });
    errors.push(await failure(revoking.checkMakerScore({ aba: '1', accountNumber: '2' })));
    expect(errors.map((error) => (error as Error).name)).toEqual([
      'PermissionError',
      'ServerError',
      'NetworkError',
      'HttpError',
      'AuthenticationError',
    ]);
    const latest = (await tokens.getToken()).accessToken.reveal();
    for (const value of [...errors, tokens, token, ingo, tokens.stats])
      expectClean(value, accessToken, latest);
    expect(JSON.stringify(token)).toContain('"accessToken":"[REDACTED]"');
  });
});
