import { AbortError, PermissionError } from '@bridgekit/errors';
import type { RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import { ingoScopes } from './ingo-environment.js';
import { scoreBand } from './score-band.js';
import { identityRequest, ingoSandbox } from './testing/test-helpers.js';
import { createTokenManager } from './token-manager.js';

const sandbox = ingoSandbox({ seed: 7 });
let running: RunningSandbox;

beforeAll(async () => {
  running = await sandbox.listen();
});
afterAll(async () => {
  await running.close();
});

function client(retryLimit = 5) {
  const tokens = createTokenManager({
    tokenUrl: `${running.url}/connect/token`,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    scope: `${ingoScopes.identityScore} ${ingoScopes.checkMakerScore} ${ingoScopes.dupexInquiry}`,
    retry: { delay: () => 0, backoffLimit: 0, cooldown: 0 },
  });
  const ingo = createIngoClient({
    tokens,
    baseUrl: running.url,
    retry: { limit: retryLimit, delay: () => 0 },
  });
  return { tokens, ingo };
}

describe('Ingo client against the sandbox over loopback', () => {
  it('calls every API', async () => {
    const { ingo } = client();
    const identity = await ingo.identityScore(identityRequest);
    expect(scoreBand(identity.identity?.score)).toMatch(/positive|neutral|negative|matched|not-found/);
    await expect(ingo.checkMakerScore({ aba: '021000021', accountNumber: '42' })).resolves.toHaveProperty(
      'score',
    );
    await expect(
      ingo.dupexInquiry({
        checkNumber: '1',
        accountNumber: '2',
        aba: '021000021',
        micr: '3',
        amountInCents: 100,
        reason: 'test',
      }),
    ).resolves.toHaveProperty('checkId');
  });

  it('refreshes once after the API answers 401, and retries the request', async () => {
    const { ingo, tokens } = client();
    await ingo.identityScore(identityRequest);
    sandbox.revokeTokens();
    await Promise.all(Array.from({ length: 10 }, () => ingo.identityScore(identityRequest)));
    expect(tokens.stats.tokenRequests).toBe(2);
    expect(ingo.stats.authenticationRetries).toBe(10);
  });

  it('rides out random faults with retries', async () => {
    // About 16% of attempts fail; nine attempts all failing is too rare to make this flaky.
    const { ingo } = client(8);
    sandbox.setFaults({
      routes: {
        '/check-maker/score': { errorRate: 0.1, rateLimitRate: 0.03, retryAfterSeconds: 0, dropRate: 0.03 },
      },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          ingo.checkMakerScore({ aba: '021000021', accountNumber: String(index) }),
        ),
      );
      expect(results).toHaveLength(100);
      expect(ingo.stats.retries).toBeGreaterThan(0);
      expect(ingo.stats.failures).toBe(0);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('fails with PermissionError at once when the token lacks the scope', async () => {
    const tokens = createTokenManager({
      tokenUrl: `${running.url}/connect/token`,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      scope: ingoScopes.checkMakerScore,
    });
    const ingo = createIngoClient({ tokens, baseUrl: running.url });
    await expect(ingo.identityScore(identityRequest)).rejects.toBeInstanceOf(PermissionError);
    expect(tokens.stats).toMatchObject({ tokenRequests: 1, invalidations: 0 });
    expect(ingo.stats).toMatchObject({ requests: 1, authenticationRetries: 0 });
  });

  it('aborts a slow call', async () => {
    const { ingo } = client();
    sandbox.setFaults({ routes: { '/identity/score': { latency: 200 } } });
    try {
      const controller = new AbortController();
      const call = ingo.identityScore(identityRequest, { signal: controller.signal });
      controller.abort();
      await expect(call).rejects.toBeInstanceOf(AbortError);
    } finally {
      sandbox.setFaults({});
    }
  });
});
