import { isConfigurationError, isServerError, isTimeoutError } from '@bridgekit/errors';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import type { IngoClientOptions } from './ingo-client-options.js';
import { ingoScopes } from './ingo-environment.js';
import { identityRequest, ingoSandbox, thrown } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';

const sandbox = ingoSandbox();
let running: RunningSandbox;

beforeAll(async () => {
  running = await sandbox.listen();
});
afterAll(async () => {
  await running.close();
});
beforeEach(() => {
  sandbox.clearFaults();
  sandbox.setFaults({});
  sandbox.stats.reset();
});

function tokens() {
  return createTokenManager({
    tokenUrl: `${running.url}/connect/token`,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: ingoScopes.identityScore,
    retry: { delay: () => 0, backoffLimit: 0, cooldown: 0 },
  });
}

function connect(options: Partial<IngoClientOptions> = {}) {
  return createIngoClient({
    tokens: tokens(),
    baseUrl: running.url,
    retry: { limit: 2, delay: () => 0 },
    ...options,
  });
}

describe('the Ingo client on one request path', () => {
  it('per-call timeout, retry and headers override the client for that call only', async () => {
    const ingo = connect({ timeout: 5000 });
    sandbox.setFaults({ routes: { 'POST /identity/score': { latency: 300 } } });
    const slow = await ingo
      .identityScore(identityRequest, { timeout: 50, retry: 0 })
      .catch((caught: unknown) => caught);
    expect(isTimeoutError(slow)).toBe(true);
    sandbox.setFaults({});
    sandbox.injectFault({ kind: 'status', status: 500, times: 3, route: 'POST /identity/score' });
    // Counted at the client: what it sent, whatever else reaches the server meanwhile.
    const seen: Headers[] = [];
    const spy = connect({
      fetch: async (input, init) => {
        seen.push(new Request(input, init).headers);
        return globalThis.fetch(input, init);
      },
    });
    const once = await spy.identityScore(identityRequest, { retry: 0 }).catch((caught: unknown) => caught);
    expect(isServerError(once)).toBe(true);
    expect(seen).toHaveLength(1);
    sandbox.clearFaults();
    await spy.identityScore(identityRequest, { headers: { 'x-correlation-id': 'run-9' } });
    expect(seen).toHaveLength(2);
    expect(seen[1]?.get('x-correlation-id')).toBe('run-9');
    expect(seen[0]?.get('x-correlation-id')).toBeNull();
  });

  it('withResponse() counts the attempts of a retried call', async () => {
    sandbox.injectFault({ kind: 'status', status: 503, times: 2, route: 'POST /identity/score' });
    const { data, response, attempts } = await connect().identityScore(identityRequest).withResponse();
    expect(attempts).toBe(3);
    expect(response.status).toBe(200);
    expect(data).toHaveProperty('emailAddress');
    expect((await connect().identityScore(identityRequest).asResponse()).status).toBe(200);
  });

  it('withOptions() shares the token manager and the counters: two derived clients share one token request', async () => {
    const ingo = connect();
    const [left, right] = [ingo.withOptions({ timeout: 10_000 }), ingo.withOptions({ retry: 0 })];
    await Promise.all([left.identityScore(identityRequest), right.identityScore(identityRequest)]);
    expect(sandbox.stats.count('POST /connect/token')).toBe(1);
    expect(ingo.stats.calls).toBe(2);
    expect(() => ingo.withOptions({ tokens: tokens() } as never)).toThrow(/`tokens`/);
  });

  it('refuses unknown keys with the closest known one', async () => {
    const call = await connect()
      .identityScore(identityRequest, { timout: 5 } as never)
      .catch((caught: unknown) => caught);
    expect(isConfigurationError(call)).toBe(true);
    expect((call as Error).message).toContain('Did you mean `options.timeout`?');
    expect((thrown(() => connect({ baseURL: running.url } as never)) as Error).message).toContain(
      'Did you mean `baseUrl`?',
    );
    const manager = () =>
      createTokenManager({
        tokenUrl: `${running.url}/connect/token`,
        clientId: 'c',
        clientSecret: 's',
        scope: 's',
        client_secret: 'x',
      } as never);
    expect((thrown(manager) as Error).message).toContain('Did you mean `clientSecret`?');
    await expect(tokens().getToken({ force: true } as never)).rejects.toThrow(/options.forceRefresh/);
  });
});
