import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import {
  type HttpError,
  isAbortError,
  isAuthenticationError,
  isConfigurationError,
  isHttpError,
  isResponseFormatError,
  isServerError,
  type ResponseFormatError,
} from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIntendClient, version } from './index.js';

const apiKey = 'test-api-key';
const secretKey = 'test-secret-key-0123456789';

/** A fetch that answers from a list of canned responses and records every request. */
function scriptedFetch(...responses: Array<() => Response>) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const next = responses[Math.min(requests.length - 1, responses.length - 1)];
    if (!next) throw new Error('no scripted response');
    return next();
  };
  return { fetch, requests };
}

const envelope = (data: unknown, status = 200, extra: Record<string, unknown> = {}) =>
  Response.json({ status, response: status < 300, data, msg: 'Request Successful', ...extra }, { status });

const client = (fetch: ReturnType<typeof scriptedFetch>['fetch'], options: Record<string, unknown> = {}) =>
  createIntendClient({
    baseUrl: 'https://acme.intend.test',
    apiKey,
    secretKey,
    fetch,
    retry: { limit: 2, delay: () => 1 },
    ...options,
  });

describe('createIntendClient', () => {
  it('signs every request and sends the default user agent', async () => {
    const server = scriptedFetch(() => envelope({ id: 16, first_name: 'Ada' }));
    const record = await client(server.fetch).clients.get(16);
    expect(record).toEqual({ id: 16, first_name: 'Ada' });
    const [request] = server.requests;
    expect(request?.url).toBe('https://acme.intend.test/api/clients?client_id=16');
    expect(request?.headers.get('api-key')).toBe(apiKey);
    expect(request?.headers.get('timestamp')).toMatch(/^\d{10}$/);
    expect(request?.headers.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(request?.headers.get('user-agent')).toBe(`bridgekit-intend-client/${version}`);
  });

  it('keeps a tenant path prefix in baseUrl', async () => {
    const server = scriptedFetch(() => envelope({ id: 1 }));
    await client(server.fetch, { baseUrl: 'https://gateway.test/tenants/acme' }).products.get(1);
    expect(server.requests[0]?.url).toBe(
      'https://gateway.test/tenants/acme/api/inventory/products?product_id=1',
    );
  });

  it('treats a failure envelope over HTTP 200 as the mapped error', async () => {
    const server = scriptedFetch(() =>
      Response.json({ status: 401, response: false, msg: 'Authentication failed' }),
    );
    const failure = await client(server.fetch)
      .clients.get(1)
      .catch((error: unknown) => error);
    expect(isAuthenticationError(failure)).toBe(true);
    expect(String((failure as Error).message)).toContain('Authentication failed');
  });

  it('retries a 5xx failure envelope over HTTP 200 for GET, then succeeds', async () => {
    const server = scriptedFetch(
      () => Response.json({ status: 503, response: false, msg: 'busy' }),
      () => envelope({ id: 2 }),
    );
    expect(await client(server.fetch).clients.get(2)).toEqual({ id: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('re-signs a retried request', async () => {
    let now = 1_732_370_000_000;
    const server = scriptedFetch(
      () => new Response('busy', { status: 503 }),
      () => envelope({ id: 3 }),
    );
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      now += 5000;
      return response;
    };
    const { createIntendSigner } = await import('@bridgekit/intend-signer');
    const signer = createIntendSigner({ apiKey, secretKey, now: () => now });
    await createIntendClient({
      baseUrl: 'https://acme.intend.test',
      signer,
      fetch,
      retry: { limit: 1, delay: () => 1 },
    }).clients.get(3);
    const [first, second] = server.requests.map((request) => request.headers.get('timestamp'));
    expect(Number(second) - Number(first)).toBe(5);
  });

  it('does not retry a POST', async () => {
    const server = scriptedFetch(() => new Response(null, { status: 503 }));
    const failure = await client(server.fetch)
      .clients.create({ first_name: 'A', last_name: 'B', email: 'a@b.test' })
      .catch((error: unknown) => error);
    expect(isServerError(failure)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('names what is wrong with a body that is not the envelope', async () => {
    const html = await client(
      scriptedFetch(() => new Response('<html>maintenance</html>', { status: 200 })).fetch,
    )
      .clients.get(1)
      .catch((error: unknown) => error);
    expect(isResponseFormatError(html)).toBe(true);
    expect((html as ResponseFormatError).received).toBe('an HTML page');
    const noData = await client(
      scriptedFetch(() => Response.json({ status: 200, response: true, msg: 'ok' })).fetch,
    )
      .clients.get(1)
      .catch((error: unknown) => error);
    expect((noData as ResponseFormatError).field).toBe('data');
    const notList = await client(scriptedFetch(() => envelope('nope')).fetch)
      .clients.list()
      .toArray({ limit: 10 })
      .catch((error: unknown) => error);
    expect((notList as ResponseFormatError).field).toBe('data');
  });

  it('reads Laravel paginator metadata when a server sends it', async () => {
    const page = (number: number) => () =>
      envelope({
        current_page: number,
        data: [{ id: number }],
        last_page: 2,
        per_page: 50,
        total: 2,
        next_page_url: number < 2 ? 'x' : null,
      });
    const server = scriptedFetch(page(1), page(2));
    const pages = [];
    for await (const each of client(server.fetch).paginate<{ id: number }>('/api/custom').pages())
      pages.push(each);
    expect(pages.map((each) => [each.number, each.items.length, each.total])).toEqual([
      [1, 1, 2],
      [2, 1, 2],
    ]);
  });

  it('sends list filters as the vendor names them', async () => {
    const server = scriptedFetch(() => envelope([]));
    await client(server.fetch)
      .clients.list({ clientType: 'trade', department: 'Sales' })
      .toArray({ limit: 1 });
    const url = new URL(server.requests[0]?.url ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_type: 'trade',
      department: 'Sales',
      page: '1',
    });
    await client(server.fetch).categories.get(3, { parentCategoryId: 1 });
    expect(new URL(server.requests.at(-1)?.url ?? '').searchParams.get('parent_caegory_id')).toBe('1');
  });

  it('rejects bad options with a ConfigurationError that never echoes a secret', () => {
    const attempts = [
      () => createIntendClient({ baseUrl: 'acme.intend.com', apiKey, secretKey }),
      () => createIntendClient({ baseUrl: 'https://acme.intend.com', apiKey }),
      () => createIntendClient({ baseUrl: 'https://acme.intend.com', apiKey, secretKey, timeout: -1 }),
      () => createIntendClient({ baseUrl: 'https://acme.intend.com', apiKey, secretKey, retry: -1 }),
    ];
    for (const attempt of attempts) {
      let failure: unknown;
      try {
        attempt();
      } catch (error) {
        failure = error;
      }
      expect(isConfigurationError(failure)).toBe(true);
      expect(JSON.stringify(failure)).not.toContain(secretKey);
    }
  });

  it('never shows the secret key, nor a replayable api-key and signature, in the client, its errors or their logs', async () => {
    const server = scriptedFetch(
      () => new Response('nope', { status: 401 }),
      () => new Response('boom', { status: 500 }),
    );
    const intend = client(server.fetch, { retry: 0 });
    const refused = await intend.clients.get(1).catch((error: unknown) => error);
    const failed = await intend.clients.get(2).catch((error: unknown) => error);
    const signatures = server.requests.map((request) => request.headers.get('signature') ?? 'missing');
    for (const failure of [refused, failed]) {
      for (const rendering of [
        JSON.stringify(failure),
        inspect(failure, { depth: 10, showHidden: true }),
        String(failure),
      ]) {
        expect(rendering).not.toContain(secretKey);
        expect(rendering).not.toContain(apiKey);
        for (const signature of signatures) expect(rendering).not.toContain(signature);
      }
    }
    expect(inspect(intend, { depth: 4 })).not.toContain(secretKey);
  });

  it('maps a failure envelope whose status is not an HTTP status without losing it', async () => {
    const failure = await client(
      scriptedFetch(() => Response.json({ status: 999, response: false, msg: 'odd' })).fetch,
    )
      .clients.get(1)
      .catch((error: unknown) => error);
    expect(isHttpError(failure)).toBe(true);
    expect((failure as HttpError).status).toBe(999);
  });

  it('an abort while the body is read is an AbortError, not a retryable failure', async () => {
    const controller = new AbortController();
    // Like a real fetch: the body stalls half-way, and an abort of the request errors it.
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"status": 200, "response": true, "data": '));
          request.signal.addEventListener('abort', () => stream.error(request.signal.reason));
          queueMicrotask(() => controller.abort());
        },
      });
      return new Response(body);
    };
    const failure = await client(fetch, { retry: 0 })
      .clients.get(1, { signal: controller.signal })
      .catch((error: unknown) => error);
    expect(isAbortError(failure)).toBe(true);
  });

  it('keeps `version` equal to package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toBe(manifest.version);
  });
});
