import { isServerError } from '@bridgekit/errors';
import { createIngoClient, createTokenManager } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { ingoSandboxScopes } from '@bridgekit/sandbox';
import { ingoHandlers, intendHandlers } from '@bridgekit/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, test } from 'vitest';

// What a project that mocks HTTP with msw writes: the real clients on the platform fetch, the
// sandboxes behind msw handlers at the vendors' own URLs.
const credentials = { apiKey: 'msw-key', secretKey: 'msw-secret-key-0123456789' };
const client = {
  clientId: 'msw-client',
  clientSecret: 'msw-client-secret',
  scopes: Object.values(ingoSandboxScopes),
};
const intend = intendHandlers({ baseUrl: 'https://acme.intend.com', ...credentials, clients: 120 });
const ingo = ingoHandlers({ baseUrl: 'https://auth-uat.ingo.money', clients: [client] });
const server = setupServer(...intend, ...ingo);

beforeAll(() => server.listen());
afterAll(() => server.close());

test('msw handlers: the real clients list, get a token, score and meet a fault', async () => {
  const intendClient = createIntendClient({ baseUrl: 'https://acme.intend.com', ...credentials, retry: 0 });
  const clients = await intendClient.clients.list().toArray({ limit: 1000 });
  expect(clients.map((record) => record.id)).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
  const tokens = createTokenManager({
    tokenUrl: 'https://auth-uat.ingo.money/connect/token',
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scope: ingoSandboxScopes.identityScore,
  });
  expect((await tokens.getToken()).tokenType).toBe('Bearer');
  const ingoClient = createIngoClient({ tokens, baseUrl: 'https://auth-uat.ingo.money' });
  expect(await ingoClient.identityScore({ emailAddress: 'jane@example.com' })).toHaveProperty('emailAddress');
  intend.sandbox.injectFault({ kind: 'status', status: 503, route: 'GET /api/clients' });
  expect(isServerError(await intendClient.clients.get(1).catch((error: unknown) => error))).toBe(true);
  expect(intend.sandbox.stats.count('GET /api/clients', 503)).toBe(1);
  expect(ingo.sandbox.stats.count('POST /connect/token')).toBe(1);
});
