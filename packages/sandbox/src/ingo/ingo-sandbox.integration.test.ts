import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../server/sandbox-server.js';
import { createIngoSandbox } from './ingo-sandbox.js';
import { ingoSandboxScopes } from './ingo-scopes.js';

const sandbox = createIngoSandbox({
  clients: [{ clientId: 'demo', clientSecret: 'demo secret+1', scopes: Object.values(ingoSandboxScopes) }],
  tokenTtlSeconds: 300,
});
let running: RunningSandbox;

beforeAll(async () => {
  running = await sandbox.listen();
});
afterAll(async () => {
  await running.close();
});

async function token(): Promise<string> {
  const response = await fetch(`${running.url}/connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa('demo:demo+secret%2B1')}`,
    },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  expect(Date.parse(response.headers.get('date') ?? '')).not.toBeNaN();
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('Ingo sandbox over loopback', () => {
  it('issues a token and scores with it', async () => {
    const accessToken = await token();
    const response = await fetch(`${running.url}/identity/score?apiVersion=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ emailAddress: 'jane+positive@example.com' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ emailAddress: { score: 900 } });
  });

  it('drops connections and truncates bodies on request', async () => {
    const accessToken = await token();
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ aba: '123456789', accountNumber: '1' }),
    };
    sandbox.injectFault({ kind: 'drop', route: '/check-maker/score' });
    await expect(fetch(`${running.url}/check-maker/score`, init)).rejects.toThrow(TypeError);
    sandbox.injectFault({ kind: 'truncated-body', route: '/check-maker/score' });
    const truncated = await fetch(`${running.url}/check-maker/score`, init);
    await expect(truncated.text()).rejects.toThrow();
    expect((await fetch(`${running.url}/check-maker/score`, init)).status).toBe(200);
    expect(sandbox.stats.count('POST /check-maker/score', 'dropped')).toBe(1);
  });
});
