import {
  type AuthenticationError,
  isAuthenticationError,
  isConfigurationError,
  isServerError,
  isTimeoutError,
} from '@bridgekit/errors';
import { createIntendSigner } from '@bridgekit/intend-signer';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIntendClient, type IntendClientOptions } from './index.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
const sandbox = createIntendSandbox({ apiKey, secretKey, clients: 60 });
let server: RunningSandbox;

beforeAll(async () => {
  server = await sandbox.listen();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  sandbox.clearFaults();
  sandbox.stats.reset();
});

function connect(options: Partial<IntendClientOptions> = {}) {
  return createIntendClient({
    baseUrl: server.url,
    apiKey,
    secretKey,
    retry: { limit: 2, backoffLimit: 10 },
    ...options,
  });
}

/** A fetch that records what each request carried, then sends it. */
function recording() {
  const sent: Array<{ method: string; url: string; headers: [string, string][]; body: string }> = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: [...request.headers.entries()].sort(),
      body: await request.clone().text(),
    });
    return globalThis.fetch(request);
  };
  return { sent, fetch };
}

describe('one request path through ky', () => {
  it('a call with hooks and one without send identical requests', async () => {
    // One instant for both calls: a clock floored to the minute differed when they straddled one.
    const at = Date.now();
    const fixedClock = createIntendSigner({ apiKey, secretKey, now: () => at });
    const plain = recording();
    const hooked = recording();
    const input = { first_name: 'Ada', last_name: 'L', email: 'ada@example.com' };
    await connect({ signer: fixedClock, fetch: plain.fetch }).clients.create(input);
    await connect({
      signer: fixedClock,
      fetch: hooked.fetch,
      hooks: { beforeRequest: [() => undefined] },
    }).clients.create(input);
    expect(hooked.sent).toEqual(plain.sent);
    expect(plain.sent).toHaveLength(1);
  });

  it('per-call options override the client for that call only', async () => {
    sandbox.setFaults({ routes: { 'GET /api/inventory/products': { latency: 300 } } });
    try {
      const intend = connect({ timeout: 5000 });
      const slow = await intend.products.get(1, { timeout: 50, retry: 0 }).catch((caught: unknown) => caught);
      expect(isTimeoutError(slow)).toBe(true);
      await expect(intend.products.get(1)).resolves.toMatchObject({ id: 1 });
    } finally {
      sandbox.setFaults({});
    }
    sandbox.injectFault({ kind: 'status', status: 500, times: 3, route: 'GET /api/clients' });
    const once = await connect()
      .clients.get(1, { retry: 0 })
      .catch((caught: unknown) => caught);
    expect(isServerError(once)).toBe(true);
    expect(sandbox.stats.count('GET /api/clients')).toBe(1);
    sandbox.clearFaults();
    const { sent, fetch } = recording();
    await connect({ fetch }).clients.get(2, { headers: { 'x-correlation-id': 'run-7' } });
    await connect({ fetch }).clients.get(2);
    expect(sent[0]?.headers).toContainEqual(['x-correlation-id', 'run-7']);
    expect(sent[1]?.headers.map(([name]) => name)).not.toContain('x-correlation-id');
  });

  it('withResponse() reports the attempts, the wait and the request id; asResponse() the raw answer', async () => {
    sandbox.injectFault({ kind: 'status', status: 503, times: 2, route: 'GET /api/clients' });
    const { data, response, requestId, attempts, retryDelayMs } = await connect()
      .clients.get(3)
      .withResponse();
    expect(data).toMatchObject({ id: 3 });
    expect(attempts).toBe(3);
    expect(retryDelayMs).toBeGreaterThanOrEqual(0);
    expect(response.status).toBe(200);
    expect(requestId).toMatch(/^intend-sandbox-\d+$/);
    // The copy is made when read, once per withResponse(): each may read its body.
    expect(response).toBe(response);
    expect(((await response.json()) as { data: { id: number } }).data.id).toBe(3);
    const again = await connect().clients.get(3).withResponse();
    expect(((await again.response.json()) as { data: { id: number } }).data.id).toBe(3);
    const raw = await connect().clients.get(3).asResponse();
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as { data: { id: number } }).data.id).toBe(3);
    sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'GET /api/clients' });
    const page = (await connect().clients.list().pages().next()).value;
    expect(page).toMatchObject({
      number: 1,
      attempts: 2,
      requestId: expect.stringMatching(/^intend-sandbox-/),
    });
    expect(page?.items).toHaveLength(50);
  });

  it("a beforeRequest hook's change to the request is signed: every attempt is signed as it goes out", async () => {
    // A server that verifies the method, URL and body: a URL changed after signing would be refused.
    const strict = createIntendSandbox({ apiKey, secretKey, clients: 10, scheme: 'canonical-request' });
    const running = await strict.listen();
    try {
      const hooked = createIntendClient({
        baseUrl: running.url,
        apiKey,
        secretKey,
        scheme: 'canonical-request',
        retry: { limit: 2, backoffLimit: 10 },
        hooks: {
          beforeRequest: [
            ({ request }) => {
              const url = new URL(request.url);
              url.searchParams.set('client_id', '7');
              return new Request(url, request);
            },
          ],
        },
      });
      // The signature covers the URL the hook made, and a retry is signed again.
      await expect(hooked.clients.get(3)).resolves.toMatchObject({ id: 7 });
      strict.injectFault({ kind: 'status', status: 503, times: 1, route: 'GET /api/clients' });
      await expect(hooked.clients.get(4)).resolves.toMatchObject({ id: 7 });
      expect(hooked.stats).toMatchObject({ requests: 3, retries: 1, failures: 0 });
    } finally {
      await running.close();
    }
  });

  it("an afterResponse hook and the client's own ky instance read every answer's body", async () => {
    const seen: unknown[] = [];
    const hooked = connect({
      hooks: { afterResponse: [async ({ response }) => void seen.push(await response.json())] },
    });
    expect(await hooked.clients.get(4)).toMatchObject({ id: 4 });
    expect(seen).toEqual([expect.objectContaining({ data: expect.objectContaining({ id: 4 }) })]);
    const direct = await connect()
      .ky.get('api/clients', { searchParams: { client_id: 5 } })
      .json();
    expect(direct).toMatchObject({ data: { id: 5 } });
  });

  it("a call's retry replaces the client's, so it can narrow it; timed-out attempts count as requests", async () => {
    sandbox.injectFault({ kind: 'status', status: 503, times: 3, route: 'GET /api/clients' });
    // Counted at the client: what it sent, whatever else reaches the server.
    const { sent, fetch } = recording();
    const narrowed = await connect({ fetch })
      .clients.get(1, { retry: { limit: 2, statusCodes: [500] } })
      .catch((caught: unknown) => caught);
    expect(isServerError(narrowed)).toBe(true);
    expect(sent).toHaveLength(1);
    sandbox.clearFaults();
    sandbox.setFaults({ routes: { 'GET /api/inventory/products': { latency: 300 } } });
    try {
      const intend = connect();
      const slow = await intend.products
        .get(1, { timeout: 30, retry: { limit: 2, delay: () => 0 } })
        .catch((caught: unknown) => caught);
      expect(isTimeoutError(slow)).toBe(true);
      expect(intend.stats).toMatchObject({ requests: 3, retries: 2, failures: 1 });
    } finally {
      sandbox.setFaults({});
    }
  });

  it('a call cancelled by its signal is not counted as a failure', async () => {
    const intend = connect();
    const error = await intend.clients
      .get(1, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('AbortError');
    expect(intend.stats.failures).toBe(0);
  });

  it('withResponse() and asResponse() each give a response whose body can be read', async () => {
    const call = connect().clients.get(4);
    const first = await call.withResponse();
    const second = await call.withResponse();
    expect(((await first.response.json()) as { data: { id: number } }).data.id).toBe(4);
    expect(((await second.response.json()) as { data: { id: number } }).data.id).toBe(4);
    expect((await call.asResponse()).bodyUsed).toBe(false);
  });

  it('withOptions() derives a client sharing the signer and the counters', async () => {
    const intend = connect();
    const patient = intend.withOptions({ timeout: 60_000, retry: 0 });
    expect(patient.signer).toBe(intend.signer);
    await intend.clients.get(1);
    await patient.clients.get(2);
    expect(intend.stats.requests).toBe(2);
    expect(patient.stats.requests).toBe(2);
    expect(() => intend.withOptions({ secretKey: 'another' } as never)).toThrow(/`secretKey`/);
  });
});

describe('the clock corrects itself', () => {
  it.each([
    ['10 minutes fast', 600_000],
    ['90 minutes slow', -5_400_000],
  ])('a signer %s succeeds after exactly one resend, and the next call sends once', async (_name, offset) => {
    const signer = createIntendSigner({ apiKey, secretKey, clockOffsetMs: offset });
    const intend = connect({ signer });
    await expect(intend.clients.get(1)).resolves.toMatchObject({ id: 1 });
    expect(sandbox.stats.count('GET /api/clients')).toBe(2);
    expect(intend.stats.clockCorrections).toBe(1);
    expect(Math.abs(signer.clockOffsetMs)).toBeLessThan(5000);
    await intend.clients.get(2);
    expect(sandbox.stats.count('GET /api/clients')).toBe(3);
    // The resend is a correction, not one of ky's retries.
    expect(intend.stats).toMatchObject({ requests: 3, retries: 0, clockCorrections: 1, failures: 0 });
  });

  it('concurrent calls from a skewed signer all recover: one corrects the clock, the others resend on it', async () => {
    const signer = createIntendSigner({ apiKey, secretKey, clockOffsetMs: 600_000 });
    const intend = connect({ signer });
    const records = await Promise.all([1, 2, 3, 4, 5, 6].map((id) => intend.clients.get(id)));
    expect(records.map((record) => record.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(intend.stats).toMatchObject({ clockCorrections: 1, failures: 0, requests: 12 });
  });

  it('a wrong secret sends once: its 401 carries a Date that agrees with the clock', async () => {
    const intend = connect({ secretKey: 'not-the-secret-key-0123456789' });
    const error = await intend.clients.get(1).catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(sandbox.stats.count('GET /api/clients')).toBe(1);
    expect((error as AuthenticationError).serverDate).toBeInstanceOf(Date);
    expect(intend.stats).toMatchObject({ requests: 1, failures: 1, clockCorrections: 0 });
  });

  it('the 401 hint names the offset when the clock stays off', async () => {
    // The server's clock jumps an hour ahead after each answer: one correction cannot catch up.
    let hours = 1;
    const drifting = createIntendSandbox({
      apiKey,
      secretKey,
      clients: 5,
      now: () => Date.now() + 3_600_000 * hours++,
    });
    const drift = await drifting.listen();
    try {
      const intend = createIntendClient({ baseUrl: drift.url, apiKey, secretKey });
      const error = await intend.clients.get(1).catch((caught: unknown) => caught);
      expect(isAuthenticationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/The server's Date is \d+ s ahead of the signer's clock/);
      expect(intend.stats.clockCorrections).toBe(1);
    } finally {
      await drift.close();
    }
  });
});

describe('unknown keys are refused with the closest known one', () => {
  it('in a typed query, call options and client options; request() takes any query', async () => {
    const intend = connect();
    expect(() => intend.clients.list({ client_type: 'trade' } as never)).toThrow(
      /`query.client_type`.*`query.clientType`/s,
    );
    const badCall = await intend.clients.get(1, { timout: 10 } as never).catch((caught: unknown) => caught);
    expect(isConfigurationError(badCall)).toBe(true);
    expect((badCall as Error).message).toContain('`options.timeout`');
    expect(() => connect({ retry: { attempts: 3 } as never })).toThrow(/`retry.attempts`/);
    expect(() => connect({ timeOut: 5 } as never)).toThrow(/Did you mean `timeout`/);
    expect(() => intend.clients.list(undefined, { pagesize: 20 } as never)).toThrow(/`pageSize`/);
    await expect(
      intend.request('GET', '/api/clients', { query: { client_id: 1, anything: 'x' } }),
    ).resolves.toBeDefined();
  });
});
