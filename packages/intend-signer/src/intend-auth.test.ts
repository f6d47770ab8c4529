import { isConfigurationError } from '@bridgekit/errors';
import ky, { type BeforeRequestHook, type BeforeRetryHook } from 'ky';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { IntendSigner } from './index.js';
import { apiKey, entries, fixedNow, secretKey } from './testing/entries.js';

/** A fetch that records each request (with its body read) and answers 200, or the given statuses. */
function recordingFetch(statuses: number[] = []) {
  const requests: { request: Request; body: Uint8Array }[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({ request: request.clone(), body: new Uint8Array(await request.arrayBuffer()) });
    return Response.json({ status: 200, response: true, data: [] }, { status: statuses.shift() ?? 200 });
  };
  return { fetch, requests };
}

describe.each(entries)('$name: intendAuth', ({ api }) => {
  const canonical = { scheme: 'canonical-request', now: () => fixedNow } as const;
  const canonicalSigner = () => api.createIntendSigner({ apiKey, secretKey, ...canonical });
  const verifyCanonical = (request: Request) =>
    api.verifyIntendRequest(request, { secretFor: () => secretKey, ...canonical });

  it('signs the final URL with searchParams and the exact JSON bytes ky sends', async () => {
    const signer = canonicalSigner();
    const server = recordingFetch();
    const client = ky.create({
      baseUrl: 'https://acme.intend.com/api/',
      fetch: server.fetch,
      hooks: { beforeRequest: [api.intendAuth(signer)] },
    });
    await client.post('clients/create', {
      searchParams: { source: 'web page', tags: 'a*b' },
      json: { first_name: 'Zoë', emoji: '🚀' },
    });

    const [sent] = server.requests;
    if (!sent) throw new Error('nothing was sent');
    expect(sent.request.url).toBe('https://acme.intend.com/api/clients/create?source=web+page&tags=a*b');
    expect(new TextDecoder().decode(sent.body)).toBe('{"first_name":"Zoë","emoji":"🚀"}');
    expect(sent.request.headers.get('api-key')).toBe(apiKey);
    expect(sent.request.headers.get('timestamp')).toBe('1732370000');
    await expect(verifyCanonical(sent.request)).resolves.toMatchObject({ apiKey });
  });

  it('signs a multipart body byte for byte, boundary included', async () => {
    const signer = canonicalSigner();
    const server = recordingFetch();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([0, 255, 1, 254])]), 'data.bin');
    form.set('note', 'ünïcödé');
    await ky.post('https://acme.intend.com/api/files', {
      body: form,
      fetch: server.fetch,
      hooks: { beforeRequest: [api.intendAuth(signer)] },
    });
    const [sent] = server.requests;
    if (!sent) throw new Error('nothing was sent');
    expect(new TextDecoder().decode(sent.body)).toContain('ünïcödé');
    await expect(verifyCanonical(sent.request)).resolves.toBeDefined();
  });

  it('does not read the body for a scheme that does not sign it', async () => {
    const signer = api.createIntendSigner({ apiKey, secretKey, now: () => fixedNow });
    const sign = vi.spyOn(signer, 'sign');
    const server = recordingFetch();
    await ky.post('https://acme.intend.com/api/clients/create', {
      json: { a: 1 },
      fetch: server.fetch,
      hooks: { beforeRequest: [api.intendAuth(signer)] },
    });
    expect(sign).toHaveBeenCalledWith({
      method: 'POST',
      url: 'https://acme.intend.com/api/clients/create',
      body: undefined,
    });
    expect(new TextDecoder().decode(server.requests[0]?.body)).toBe('{"a":1}');
    await expect(
      api.verifyIntendRequest(server.requests[0]?.request as Request, {
        secretFor: () => secretKey,
        now: () => fixedNow,
      }),
    ).resolves.toBeDefined();
  });

  it('gives a hand-written signer without signsBody the body', async () => {
    const sign = vi.fn(async () => ({ 'api-key': 'k', timestamp: '1', signature: 's' }));
    const signer = { apiKey: 'k', sign } as unknown as IntendSigner;
    const server = recordingFetch();
    await ky.put('https://acme.intend.com/api/x', {
      body: 'hello',
      fetch: server.fetch,
      hooks: { beforeRequest: [api.intendAuth(signer)] },
    });
    expect(sign).toHaveBeenCalledWith({
      method: 'PUT',
      url: 'https://acme.intend.com/api/x',
      body: new TextEncoder().encode('hello'),
    });
    expect(server.requests[0]?.request.headers.get('signature')).toBe('s');
  });

  it('re-signs a retry with a fresh timestamp when also used in beforeRetry', async () => {
    let now = fixedNow;
    const signer = api.createIntendSigner({ apiKey, secretKey, now: () => now });
    const sign = api.intendAuth(signer);
    const server = recordingFetch([503]);
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      now += 7000;
      return response;
    };
    await ky.get('https://acme.intend.com/api/clients', {
      fetch,
      retry: { limit: 1, delay: () => 0 },
      hooks: {
        beforeRequest: [sign],
        beforeRetry: [({ request, options }) => sign({ request, options, retryCount: 0 })],
      },
    });
    const timestamps = server.requests.map(({ request }) => Number(request.headers.get('timestamp')));
    expect(timestamps).toEqual([1732370000, 1732370007]);
  });

  it("is typed without ky's types, yet fits ky's beforeRequest and beforeRetry hooks", () => {
    const sign = api.intendAuth(api.createIntendSigner({ apiKey, secretKey }));
    expectTypeOf(sign).toExtend<BeforeRequestHook>();
    const hook: BeforeRequestHook = sign;
    const retry: BeforeRetryHook = ({ request, options }) => sign({ request, options, retryCount: 0 });
    expect([typeof hook, typeof retry]).toEqual(['function', 'function']);
  });

  it('rejects something that is not a signer', () => {
    try {
      api.intendAuth({} as IntendSigner);
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error) && error.option).toBe('signer');
    }
  });
});
