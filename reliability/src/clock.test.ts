import { isAuthenticationError, isSignatureError } from '@bridgekit/errors';
import { createTokenManager, type TokenFetchedEvent } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIntendSigner, verifyIntendRequest } from '@bridgekit/intend-signer';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectError } from './support/leak-audit.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { type LoopbackServer, startServer } from './support/loopback-server.js';
import { credentials, rememberToken } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const tenMinutes = 10 * 60_000;
let intend: RunningSandbox;
let tokenServer: LoopbackServer;

/** A JWT-shaped token whose `exp` is `lifetimeSeconds` ahead on the server's (real) clock. */
function jwt(lifetimeSeconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now, exp: now + lifetimeSeconds })}.${Buffer.from(`sig-${Math.random()}`).toString('base64url')}`;
  rememberToken(token);
  return token;
}

beforeAll(async () => {
  intend = await createIntendSandbox({
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
    clients: 10,
  }).listen();
  // A token endpoint on the real clock whose JWTs live 30 s by `exp` while `expires_in` says an
  // hour: only `exp`, read through the response's `Date`, gives the right expiry.
  tokenServer = await startServer((_request, response) => {
    const body = JSON.stringify({ access_token: jwt(30), token_type: 'Bearer', expires_in: 3600 });
    response.writeHead(200, { 'content-type': 'application/json', date: new Date().toUTCString() });
    response.end(body);
  });
});
afterAll(async () => {
  await Promise.all([intend?.close(), tokenServer?.close()]);
});

test.for([tenMinutes, -tenMinutes])(
  'Clock: an Intend signer %i ms off is refused by the verifier, and adjustClock from the server Date fixes it',
  async (skew, { task }) => {
    const signer = createIntendSigner({
      apiKey: credentials.intendApiKey,
      secretKey: credentials.intendSecretKey,
      now: () => Date.now() + skew,
    });
    const url = `${intend.url}/api/clients?client_id=1`;
    const verify = async () =>
      verifyIntendRequest(
        { method: 'GET', url, headers: await signer.sign({ method: 'GET', url }) },
        { secretFor: () => credentials.intendSecretKey },
      );
    const refused = await verify().catch((error: unknown) => error);
    collectError(refused);
    const client = createIntendClient({ baseUrl: intend.url, signer });
    const rejected = await client.clients.get(1).catch((error: unknown) => error);
    collectError(rejected);

    const date = (await fetch(`${intend.url}/api/clients`)).headers.get('date');
    const offset = signer.adjustClock(date ?? '');
    const verified = await verify();
    const record = await client.clients.get(1);
    recordRow(task, {
      section: 'Clock',
      fault: `Intend signer clock ${skew > 0 ? '+' : '-'}10 min`,
      outcome: `verifier: ${isSignatureError(refused) ? refused.reason : 'accepted'}; client: ${isAuthenticationError(rejected) ? 'AuthenticationError' : 'not refused'}; adjustClock offset ${offset} ms; then accepted`,
      retries: '-',
      lost: '-',
      tokenRequests: '-',
    });
    expect(isSignatureError(refused) && refused.reason).toBe('timestamp_out_of_range');
    expect(isAuthenticationError(rejected)).toBe(true);
    expect(Math.abs(offset + skew)).toBeLessThan(2000);
    expect(verified.apiKey).toBe(credentials.intendApiKey);
    expect(record.id).toBe(1);
  },
);

test.for([tenMinutes, -tenMinutes])(
  'Clock: a token manager %i ms off reads the JWT expiry through the response Date',
  async (skew, { task }) => {
    const now = () => Date.now() + skew;
    const events: TokenFetchedEvent[] = [];
    const tokens = createTokenManager({
      tokenUrl: `${tokenServer.url}/connect/token`,
      clientId: credentials.ingoClientId,
      clientSecret: credentials.ingoClientSecret,
      scope: 'reliability',
      now,
      onTokenFetched: (event) => events.push(event),
    });
    const token = await tokens.getToken();
    const lifetime = token.expiresAt - now();
    const clockSkew = events[0]?.clockSkew ?? Number.NaN;
    recordRow(task, {
      section: 'Clock',
      fault: `token manager clock ${skew > 0 ? '+' : '-'}10 min (JWT exp 30 s, expires_in 3600 s)`,
      outcome: `expiresAt ${Math.round(lifetime / 1000)} s ahead on the local clock; clockSkew ${clockSkew} ms`,
      retries: tokens.stats.retries,
      lost: '-',
      tokenRequests: tokens.stats.tokenRequests,
    });
    expect(lifetime).toBeGreaterThan(27_000);
    expect(lifetime).toBeLessThanOrEqual(31_000);
    expect(Math.abs(clockSkew + skew)).toBeLessThan(2000);
  },
);

leakAuditTest('clock');
