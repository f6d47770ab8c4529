import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basicCredentials } from './index.js';
import { createIngoClient } from './ingo-client.js';
import { createTokenManager } from './token-manager.js';

const clientId = 'fleet-client';
const clientSecret = 'SUPERSECRET+value/1';
const accessToken = 'opaque-access-token-0123456789';
const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10 })];

function tokens(fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>) {
  return createTokenManager({
    tokenUrl: 'https://auth.test/connect/token',
    clientId,
    clientSecret,
    scope: 'https://apis.ingo.money/auth/insights/identity-score',
    fetch,
    retry: 0,
  });
}

describe('errors never carry the credentials the Ingo packages know', () => {
  it('scrubs the client secret and its Basic form from a token error, and says what to check', async () => {
    const echo = async () =>
      Response.json(
        {
          error: 'invalid_client',
          error_description: `secret ${clientSecret} is wrong (${encodeURIComponent(clientSecret)}; sent ${basicCredentials(clientId, clientSecret)})`,
        },
        { status: 400 },
      );
    const error = await tokens(echo)
      .getToken()
      .catch((caught: unknown) => caught);
    for (const text of renderings(error)) {
      expect(text).not.toContain(clientSecret);
      expect(text).not.toContain(encodeURIComponent(clientSecret));
      expect(text).not.toContain(basicCredentials(clientId, clientSecret).slice(6));
    }
    expect(String(error)).toContain('Check `clientId`, `clientSecret` and `authMethod`');
  });

  it('scrubs an access token an API echoed in free text', async () => {
    const fetch = async (input: Request | string | URL) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/connect/token')) {
        return Response.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
      }
      return Response.json(
        { title: 'InternalServerError.', detail: `token ${accessToken} broke us` },
        { status: 500 },
      );
    };
    const ingo = createIngoClient({ tokens: tokens(fetch), baseUrl: 'https://api.test', fetch, retry: 0 });
    const error = await ingo.identityScore({ emailAddress: 'a@b.test' }).catch((caught: unknown) => caught);
    for (const text of renderings(error)) expect(text).not.toContain(accessToken);
    expect(String(error)).toContain('token [REDACTED] broke us');
  });
});
