import {
  isConfigurationError,
  isRedirectError,
  isResponseTooLargeError,
  type RedirectError,
  type ResponseTooLargeError,
} from '@bridgekit/errors';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import type { IngoClientOptions } from './ingo-client-options.js';
import { ingoScopes } from './ingo-environment.js';
import { identityRequest, ingoSandbox, thrown } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManagerOptions } from './token-manager-options.js';

// Ingo, and a second origin its redirects point to: the second must receive nothing.
const api = ingoSandbox();
const elsewhere = ingoSandbox();
let apiServer: RunningSandbox;
let elsewhereServer: RunningSandbox;

beforeAll(async () => {
  [apiServer, elsewhereServer] = await Promise.all([api.listen(), elsewhere.listen()]);
});
afterAll(async () => {
  await Promise.all([apiServer.close(), elsewhereServer.close()]);
});
beforeEach(() => {
  api.clearFaults();
  api.stats.reset();
  elsewhere.stats.reset();
});

function tokens(options: Partial<TokenManagerOptions> = {}) {
  return createTokenManager({
    tokenUrl: `${apiServer.url}/connect/token`,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
    retry: { delay: () => 0, backoffLimit: 0, cooldown: 0 },
    ...options,
  });
}

function ingo(options: Partial<IngoClientOptions> = {}) {
  return createIngoClient({
    tokens: tokens(),
    baseUrl: apiServer.url,
    retry: { limit: 2, delay: () => 0 },
    ...options,
  });
}

const requestKinds = {
  'a token request (basic)': {
    route: 'POST /connect/token',
    send: () => tokens({ authMethod: 'basic' }).getToken(),
  },
  'a token request (body)': {
    route: 'POST /connect/token',
    send: () => tokens({ authMethod: 'body' }).getToken(),
  },
  'an identity score call': {
    route: 'POST /identity/score',
    send: () => ingo().identityScore(identityRequest),
  },
  'an identity score call with hooks': {
    route: 'POST /identity/score',
    send: () => ingo({ hooks: { beforeRequest: [() => undefined] } }).identityScore(identityRequest),
  },
};

describe('a redirect is never followed', () => {
  for (const status of [301, 302, 303, 307, 308] as const) {
    for (const [name, kind] of Object.entries(requestKinds)) {
      it(`${status} to ${name}: a RedirectError, sent once, nothing reaches the other origin`, async () => {
        // A target that itself carries a credential: the error must not repeat it.
        api.injectFault({
          kind: 'redirect',
          status,
          location: `${elsewhereServer.url}/connect/token?client_secret=demo-secret`,
          route: kind.route,
        });
        const error = await kind.send().catch((caught: unknown) => caught);
        expect(isRedirectError(error)).toBe(true);
        const redirect = error as RedirectError;
        expect(redirect.status).toBe(status);
        expect(redirect.retryable).toBe(false);
        expect(redirect.message).toContain(elsewhereServer.url);
        expect(api.stats.faults).toEqual({ redirect: 1 });
        expect(api.stats.count(kind.route)).toBe(1);
        expect(elsewhere.stats.requests).toBe(0);
        expect(JSON.stringify(redirect)).not.toContain('demo-secret');
      });
    }
  }
});

describe('an answer is read within its limit', () => {
  for (const encoding of [undefined, 'gzip'] as const) {
    for (const [name, kind] of Object.entries(requestKinds)) {
      it(`an endless ${encoding ?? 'plain'} body to ${name} fails with ResponseTooLargeError, not retried`, async () => {
        api.injectFault({ kind: 'endless-body', encoding, route: kind.route });
        const error = await kind.send().catch((caught: unknown) => caught);
        expect(isResponseTooLargeError(error)).toBe(true);
        const tooLarge = error as ResponseTooLargeError;
        const isToken = kind.route.endsWith('/connect/token');
        // The token endpoint's limit is fixed; an API call's is `maxResponseBytes` (16 MiB by default).
        expect(tooLarge.limit).toBe(isToken ? 64 * 1024 : 16 * 1024 * 1024);
        expect(tooLarge.option).toBe(isToken ? undefined : 'maxResponseBytes');
        expect(api.stats.count(kind.route)).toBe(1);
      });
    }
  }

  it('takes a smaller maxResponseBytes', async () => {
    api.injectFault({ kind: 'endless-body', route: 'POST /identity/score' });
    const error = await ingo({ maxResponseBytes: 1024 })
      .identityScore(identityRequest)
      .catch((caught: unknown) => caught);
    expect((error as ResponseTooLargeError).limit).toBe(1024);
    expect((error as Error).message).toContain('1 KiB');
  });
});

describe('plain http only on this machine', () => {
  it('refuses an http: tokenUrl, baseUrl or endpoint to another host unless allowInsecureRequests is true', () => {
    const remote = 'http://auth.ingo.example';
    const cases: Array<[string, (allow: boolean) => unknown]> = [
      ['tokenUrl', (allow) => tokens({ tokenUrl: `${remote}/connect/token`, allowInsecureRequests: allow })],
      ['baseUrl', (allow) => ingo({ baseUrl: remote, allowInsecureRequests: allow })],
      [
        'endpoints.identityScore',
        (allow) =>
          ingo({ endpoints: { identityScore: `${remote}/identity/score` }, allowInsecureRequests: allow }),
      ],
    ];
    for (const [option, make] of cases) {
      const error = thrown(() => make(false));
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toContain(`\`${option}\``);
      expect(thrown(() => make(true))).toBeUndefined();
    }
    expect(thrown(() => tokens({ tokenUrl: 'http://127.0.0.1:9/connect/token' }))).toBeUndefined();
    expect(thrown(() => ingo({ baseUrl: 'http://[::1]:9' }))).toBeUndefined();
  });
});
