import { describe, expect, it } from 'vitest';
import { createIngoClient } from './ingo-client.js';
import { createClock, identityRequest, ingoSandbox, sandboxBaseUrl } from './testing/test-helpers.js';
import { managerFor } from './testing/token-manager-helpers.js';
import type { Fetch } from './token-manager-options.js';

// A call's first attempt skips ky when the user gave no hooks (sendFirstAttempt): these tests hold
// it to what ky would have sent, and show that ky still owns every retry.
interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function setup(throughKy: boolean, answer?: (index: number) => Response | undefined) {
  const sandbox = ingoSandbox();
  const tokens = managerFor(sandbox, createClock());
  const sent: Sent[] = [];
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.clone().text(),
    });
    return answer?.(sent.length - 1) ?? sandbox.fetch(request);
  };
  const ingo = createIngoClient({
    tokens,
    baseUrl: sandboxBaseUrl,
    fetch,
    retry: { limit: 2, delay: () => 0 },
    headers: { 'X-Partner': 'acme' },
    // Any hook of the user's sends every request through ky.
    ...(throughKy ? { hooks: { beforeError: [({ error }) => error] } } : {}),
  });
  return { ingo, sent, tokens };
}

describe('the first attempt without ky', () => {
  it('sends exactly the request ky sends: method, URL, headers (token included) and body', async () => {
    const sentBy = async (throughKy: boolean) => {
      const { ingo, sent } = setup(throughKy);
      await ingo.identityScore(identityRequest);
      return sent;
    };
    const direct = await sentBy(false);
    expect(direct).toHaveLength(1);
    expect(direct[0]?.headers['authorization']).toMatch(/^Bearer /);
    const viaKy = await sentBy(true);
    // Each setup has its own sandbox and so its own token: compare everything else.
    const withoutToken = (requests: Sent[]) =>
      requests.map(({ headers: { authorization: _token, ...headers }, ...rest }) => ({ ...rest, headers }));
    expect(withoutToken(direct)).toEqual(withoutToken(viaKy));
  });

  it('leaves the retries to ky, which counts them', async () => {
    const busy = () => Response.json({ title: 'Busy', status: 503 }, { status: 503 });
    const { ingo, sent } = setup(false, (index) => (index < 2 ? busy() : undefined));
    await expect(ingo.identityScore(identityRequest)).resolves.toHaveProperty('identity');
    expect(sent).toHaveLength(3);
    expect(ingo.stats).toMatchObject({ calls: 1, requests: 3, retries: 2, failures: 0 });
  });

  it.each([false, true])(
    "gets a signal look-alike through ky's retries (every request through ky: %s)",
    async (throughKy) => {
      // Shaped like an AbortSignal (another realm's), not one: ky needs `AbortSignal.any()` on it.
      const events = new EventTarget();
      const lookAlike = {
        aborted: false,
        addEventListener: events.addEventListener.bind(events),
        removeEventListener: events.removeEventListener.bind(events),
      } as unknown as AbortSignal;
      const busy = () => Response.json({ title: 'Busy', status: 503 }, { status: 503 });
      const { ingo, sent } = setup(throughKy, (index) => (index < 1 ? busy() : undefined));
      await expect(ingo.identityScore(identityRequest, { signal: lookAlike })).resolves.toHaveProperty(
        'identity',
      );
      expect(sent).toHaveLength(2);
    },
  );

  it('sends every request through ky when the user gave hooks, so that they see each one', async () => {
    const seen: string[] = [];
    const sandbox = ingoSandbox();
    const tokens = managerFor(sandbox, createClock());
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
      hooks: { beforeRequest: [({ request }) => void seen.push(request.url)] },
    });
    await ingo.identityScore(identityRequest);
    expect(seen).toEqual([`${sandboxBaseUrl}/identity/score`]);
  });
});
