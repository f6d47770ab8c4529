import { AbortError } from '@bridgekit/errors';
import { describe, expect, it, vi } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import {
  allScopes,
  createClock,
  hungFetch,
  identityRequest,
  ingoSandbox,
  sandboxBaseUrl,
} from './testing/test-helpers.js';
import { managerFor } from './testing/token-manager-helpers.js';

const closedMessage = /The Ingo client was closed/;

function setup() {
  const clock = createClock();
  const sandbox = ingoSandbox({ now: clock.now });
  const api = hungFetch();
  const tokens = managerFor(sandbox, clock, { scope: allScopes.join(' ') });
  const ingo = createIngoClient({ tokens, baseUrl: sandboxBaseUrl, fetch: api.fetch, retry: 0 });
  return { ingo, tokens, api };
}

/** Runs `run` with fake timeouts (ky's waits) and a token manager of its own, closed after. */
async function withFakeTimers(run: (tokens: ReturnType<typeof managerFor>) => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const clock = createClock();
  const tokens = managerFor(ingoSandbox({ now: clock.now }), clock, { scope: allScopes.join(' ') });
  try {
    await run(tokens);
  } finally {
    vi.useRealTimers();
    await tokens.close();
  }
}

describe('the Ingo client close()', () => {
  it('aborts the calls in flight, refuses later ones, and leaves the token manager to its owner', async () => {
    const { ingo, tokens, api } = setup();
    const call = ingo.identityScore(identityRequest).catch((error: unknown) => error);
    await api.sent;
    await ingo.close();
    const failure = await call;
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as Error).message).toMatch(closedMessage);
    expect(api.aborted()).toBe(1);
    await expect(ingo.checkMakerScore({} as never)).rejects.toThrow(closedMessage);
    // Derived clients share the lifetime, as they share the token manager and the counters.
    await expect(ingo.withOptions({ timeout: 5000 }).identityScore(identityRequest)).rejects.toThrow(
      closedMessage,
    );
    expect((await tokens.getToken()).accessToken.reveal()).toBeTruthy();
    await tokens.close();
  });

  it("keeps a caller's own abort apart from the client's close", async () => {
    const { ingo, tokens, api } = setup();
    const controller = new AbortController();
    const call = ingo.identityScore(identityRequest, { signal: controller.signal });
    await api.sent;
    controller.abort();
    await expect(call).rejects.toThrow(/aborted by the caller/);
    await ingo.close();
    await tokens.close();
  });

  it('is what `await using` calls', async () => {
    const { tokens, api, ingo: client } = setup();
    let call: Promise<unknown> | undefined;
    {
      await using ingo = client;
      call = ingo.identityScore(identityRequest).catch((error: unknown) => error);
      await api.sent;
    }
    expect(await call).toBeInstanceOf(AbortError);
    await tokens.close();
  });

  it('settles a call that waits to retry at once, and sends nothing when the wait runs out', () =>
    withFakeTimers(async (tokens) => {
      let sent = 0;
      let decided = false;
      const fetch = async () => {
        sent += 1;
        return new Response('{}', { status: 503, headers: { 'retry-after': '20' } });
      };
      // ky waits as soon as its `shouldRetry` has answered: `undefined` leaves the decision to ky.
      const shouldRetry = () => {
        decided = true;
        return undefined;
      };
      const ingo = createIngoClient({
        tokens,
        baseUrl: sandboxBaseUrl,
        fetch,
        retry: { limit: 1, shouldRetry },
      });
      const call = ingo.identityScore(identityRequest).catch((error: unknown) => error);
      while (!decided) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      // No timer advanced: the call and close() settle while ky's 20 s wait has not run out.
      await ingo.close();
      expect(await call).toBeInstanceOf(AbortError);
      await vi.advanceTimersByTimeAsync(25_000);
      expect(sent).toBe(1);
      expect(ingo.stats).toMatchObject({ requests: 1, retries: 0 });
    }));

  it('waits at most `timeout` between attempts, a backoff of its own included', () =>
    withFakeTimers(async (tokens) => {
      let sent = 0;
      const fetch = async () =>
        ++sent === 1 ? new Response('{}', { status: 503 }) : Response.json({ score: 1 });
      const retry = { limit: 1, delay: () => 60_000, jitter: false };
      const ingo = createIngoClient({ tokens, baseUrl: sandboxBaseUrl, fetch, retry, timeout: 2000 });
      const call = ingo.identityScore(identityRequest);
      while (sent === 0) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(2000);
      expect(await call).toEqual({ score: 1 });
      expect(sent).toBe(2);
    }));
});
