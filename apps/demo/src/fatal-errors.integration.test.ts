import { ingoScopes } from '@bridgekit/ingo-auth';
import { createIngoSandbox, createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { demo } from './testing/demo-harness.js';

const intendCredentials = { apiKey: 'fatal-test-key', secretKey: 'fatal-test-secret-key-0000' };
const ingoClient = {
  clientId: 'fatal-test',
  clientSecret: 'fatal test+secret',
  scopes: [ingoScopes.identityScore],
};

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function served<T extends { listen(): Promise<RunningSandbox> }>(sandbox: T): Promise<[T, string]> {
  const server = await sandbox.listen();
  running.push(server);
  return [sandbox, server.url];
}

/** Live-mode variables for an Intend sandbox, an Ingo token endpoint and an Ingo API. */
function liveEnvironment(intendUrl: string, tokenHost: string, apiHost: string): NodeJS.ProcessEnv {
  return {
    INTEND_BASE_URL: intendUrl,
    INTEND_API_KEY: intendCredentials.apiKey,
    INTEND_SECRET_KEY: intendCredentials.secretKey,
    INGO_TOKEN_URL: `${tokenHost}/connect/token`,
    INGO_API_URL: apiHost,
    INGO_CLIENT_ID: ingoClient.clientId,
    INGO_CLIENT_SECRET: ingoClient.clientSecret,
  };
}

describe('a fatal error names the service that refused, and what to check', () => {
  it('the Ingo API refusing the token is not reported as Intend refusing the credentials', async () => {
    const [, intendUrl] = await served(createIntendSandbox({ ...intendCredentials, clients: 20 }));
    const [, tokenHost] = await served(createIngoSandbox({ clients: [ingoClient] }));
    // Another Ingo environment: it never issued the token, so its API answers 401.
    const [, apiHost] = await served(createIngoSandbox({ clients: [ingoClient] }));
    const run = await demo(['--limit', '5'], { env: liveEnvironment(intendUrl, tokenHost, apiHost) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The Ingo API refused the access token (HTTP 401).');
    expect(run.stderr).toContain('INGO_API_URL');
    expect(run.stderr).not.toContain('Intend API');
  });

  it('the Ingo token endpoint answering 401 is named, with the Ingo client variables', async () => {
    const [, intendUrl] = await served(createIntendSandbox({ ...intendCredentials, clients: 20 }));
    const [ingo, ingoHost] = await served(createIngoSandbox({ clients: [ingoClient] }));
    // A gateway in front of the token endpoint refusing, with no RFC 6749 error body.
    ingo.injectFault({ kind: 'status', status: 401, route: '/connect/token', times: 20 });
    const run = await demo(['--limit', '5'], { env: liveEnvironment(intendUrl, ingoHost, ingoHost) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The Ingo token endpoint refused the client credentials (HTTP 401).');
    expect(run.stderr).toContain('INGO_CLIENT_SECRET');
    expect(run.stderr).not.toContain('Intend API');
  });

  it('the Intend API refusing the signature still names the Intend variables', async () => {
    const [, intendUrl] = await served(createIntendSandbox({ ...intendCredentials, clients: 20 }));
    const [, ingoHost] = await served(createIngoSandbox({ clients: [ingoClient] }));
    const env = {
      ...liveEnvironment(intendUrl, ingoHost, ingoHost),
      INTEND_SECRET_KEY: 'another-secret-key-0000',
    };
    const run = await demo(['--limit', '5'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The Intend API refused the credentials (HTTP 401).');
    expect(run.stderr).toContain('INTEND_SECRET_KEY');
  });

  it('a listing that breaks off says where, from the error fields, with the demo resume hint only', async () => {
    const [intend, intendUrl] = await served(createIntendSandbox({ ...intendCredentials, clients: 200 }));
    const [, ingoHost] = await served(createIngoSandbox({ clients: [ingoClient] }));
    // Pages 1 and 2 answer; page 3 fails on every attempt.
    intend.injectFault({ kind: 'status', status: 503, route: 'GET /api/clients', after: 2, times: 50 });
    const run = await demo(['--concurrency', '2'], { env: liveEnvironment(intendUrl, ingoHost, ingoHost) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The run stopped while listing Intend clients at page 3');
    expect(run.stderr).toContain('HTTP 503');
    expect(run.stderr).toContain('Resume with: pnpm demo --resume');
    expect(run.stderr).not.toContain('startPage');
  });

  it('a plain http: URL to another host is refused before any request, naming the variable', async () => {
    for (const variable of ['INTEND_BASE_URL', 'INGO_TOKEN_URL', 'INGO_API_URL'] as const) {
      const env = liveEnvironment('http://127.0.0.1:9', 'http://127.0.0.1:9', 'http://127.0.0.1:9');
      env[variable] = 'http://intend.example.com:8080';
      const run = await demo(['--limit', '5'], { env });
      // 2: a configuration the user must fix, as for every refused variable.
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`\`${variable}\``);
      expect(run.stderr).toContain('plaintext');
      expect(run.stderr).not.toContain(ingoClient.clientSecret);
    }
  });
});
