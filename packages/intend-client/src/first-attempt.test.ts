import { createIntendSigner, type IntendSignatureScheme } from '@bridgekit/intend-signer';
import { describe, expect, it } from 'vitest';
import { createIntendClient } from './index.js';

// A call's first attempt skips ky when the user gave no hooks (sendFirstAttempt): these tests hold
// it to what ky would have sent, and show that ky still owns every retry.
const baseUrl = 'https://acme.intend.test';

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function recordingFetch(...answers: Array<() => Response>) {
  const sent: Sent[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    return answer();
  };
  return { fetch, sent };
}

const envelope = (data: unknown, status = 200) =>
  Response.json({ status, response: status < 300, data, msg: 'ok' }, { status });

function clientOn(
  fetch: ReturnType<typeof recordingFetch>['fetch'],
  scheme: IntendSignatureScheme,
  throughKy: boolean,
) {
  const signer = createIntendSigner({
    apiKey: 'key',
    secretKey: 'secret-key-0123456789',
    scheme,
    now: () => 1.8e12,
  });
  return createIntendClient({
    baseUrl,
    signer,
    fetch,
    retry: { limit: 2, delay: () => 0 },
    headers: { 'X-Tenant': 'acme' },
    // Any hook of the user's sends every request through ky.
    ...(throughKy ? { hooks: { beforeError: [({ error }) => error] } } : {}),
  });
}

describe('the first attempt without ky', () => {
  for (const scheme of ['key-timestamp', 'canonical-request'] as const) {
    it(`sends exactly the request ky sends (${scheme}): method, URL, headers, body, signature`, async () => {
      const sentBy = async (throughKy: boolean) => {
        const server = recordingFetch(() => envelope({ id: 7 }));
        const intend = clientOn(server.fetch, scheme, throughKy);
        await intend.clients.get(7);
        await intend.clients.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
        // ky upper-cases the methods it knows and sends any other as given.
        await intend.request('patch', '/api/clients', { json: { id: 7 } });
        await intend.request('purge', '/api/cache');
        return server.sent;
      };
      const direct = await sentBy(false);
      expect(direct.map((request) => request.method)).toEqual(['GET', 'POST', 'PATCH', 'purge']);
      expect(direct).toEqual(await sentBy(true));
      expect(direct[1]?.headers['content-type']).toBe('application/json');
    });
  }

  it('leaves the retries to ky: re-signed, counted against `limit`, then the error', async () => {
    const server = recordingFetch(
      () => envelope(null, 503),
      () => envelope(null, 503),
      () => envelope(null, 503),
      () => envelope({ id: 7 }),
    );
    const error = await clientOn(server.fetch, 'key-timestamp', false)
      .clients.get(7)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 503 });
    expect(server.sent).toHaveLength(3);
    expect(server.sent.every((request) => request.headers['signature'] !== undefined)).toBe(true);
  });

  it('hands a failure envelope over HTTP 200 to ky, which retries it like its status', async () => {
    const server = recordingFetch(
      () => Response.json({ status: 503, response: false, data: null, msg: 'busy' }),
      () => envelope({ id: 7 }),
    );
    expect(await clientOn(server.fetch, 'key-timestamp', false).clients.get(7)).toEqual({ id: 7 });
    expect(server.sent).toHaveLength(2);
  });

  it('sends every request through ky when the user gave hooks, so that they see each one', async () => {
    const seen: string[] = [];
    const server = recordingFetch(
      () => envelope(null, 503),
      () => envelope({ id: 7 }),
    );
    const intend = createIntendClient({
      baseUrl,
      apiKey: 'key',
      secretKey: 'secret-key-0123456789',
      fetch: server.fetch,
      retry: { limit: 2, delay: () => 0 },
      hooks: { beforeRequest: [({ request }) => void seen.push(request.url)] },
    });
    await intend.clients.get(7);
    expect(seen).toEqual([`${baseUrl}/api/clients?client_id=7`]);
    expect(server.sent).toHaveLength(2);
  });
});
