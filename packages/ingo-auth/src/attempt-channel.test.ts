import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import {
  allScopes,
  createClock,
  identityRequest,
  ingoSandbox,
  sandboxBaseUrl,
} from './testing/test-helpers.js';
import { managerFor } from './testing/token-manager-helpers.js';

describe('the bridgekit:attempt channel', () => {
  it('hears each attempt of an Ingo call, with no token in any message', async () => {
    const clock = createClock();
    const sandbox = ingoSandbox({ now: clock.now });
    const tokens = managerFor(sandbox, clock, { scope: allScopes.join(' ') });
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
      retry: { limit: 2, delay: () => 0 },
    });
    const messages: Record<string, unknown>[] = [];
    const listener = (message: unknown) => messages.push(message as Record<string, unknown>);
    subscribe('bridgekit:attempt', listener);
    try {
      sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'POST /identity/score' });
      await ingo.identityScore(identityRequest);
    } finally {
      unsubscribe('bridgekit:attempt', listener);
    }
    expect(messages.map(({ client, attempt, status }) => [client, attempt, status])).toEqual([
      ['ingo', 1, 502],
      ['ingo', 2, 200],
    ]);
    const token = (await tokens.getToken()).accessToken.reveal();
    expect(JSON.stringify(messages)).not.toContain(token);
    await tokens.close();
  });
});
