import {
  isConfigurationError,
  isRedirectError,
  isResponseTooLargeError,
  type RedirectError,
  type ResponseTooLargeError,
} from '@bridgekit/errors';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntendClient, type IntendClient, type IntendClientOptions } from './index.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
// The API, and a second origin its redirects point to: the second must receive nothing.
const api = createIntendSandbox({ apiKey, secretKey, clients: 120 });
const elsewhere = createIntendSandbox({ apiKey, secretKey, clients: 5 });
let apiServer: RunningSandbox;
let elsewhereServer: RunningSandbox;

beforeAll(async () => {
  [apiServer, elsewhereServer] = await Promise.all([api.listen(), elsewhere.listen()]);
});
afterAll(async () => {
  await Promise.all([apiServer.close(), elsewhereServer.close()]);
});

function connect(options: Partial<IntendClientOptions> = {}): IntendClient {
  return createIntendClient({
    baseUrl: apiServer.url,
    apiKey,
    secretKey,
    retry: { limit: 2, backoffLimit: 10 },
    ...options,
  });
}

type Call = {
  readonly route: string;
  readonly after?: number;
  readonly send: (intend: IntendClient) => Promise<unknown>;
};

const calls: Record<string, Call> = {
  'a get': { route: 'GET /api/clients', send: (intend) => intend.clients.get(7) },
  'a create': {
    route: 'POST /api/clients/create',
    send: (intend) => intend.clients.create({ first_name: 'Mallory', last_name: 'X', email: 'm@x.test' }),
  },
  'a first list page': {
    route: 'GET /api/clients',
    send: (intend) => intend.clients.list(undefined, { prefetch: 1 }).toArray({ limit: 1000 }),
  },
  'a later list page': {
    route: 'GET /api/clients',
    after: 1,
    send: (intend) => intend.clients.list(undefined, { prefetch: 1 }).toArray({ limit: 1000 }),
  },
};

const withHooks = { hooks: { beforeRequest: [() => undefined] } };

describe('a redirect is never followed', () => {
  for (const status of [301, 302, 303, 307, 308] as const) {
    for (const [name, call] of Object.entries(calls)) {
      it(`${status} to ${name}: a RedirectError, sent once, nothing reaches the other origin`, async () => {
        for (const options of [{}, withHooks]) {
          api.stats.reset();
          elsewhere.stats.reset();
          api.injectFault({
            kind: 'redirect',
            status,
            location: `${elsewhereServer.url}/api/clients?leak=1`,
            route: call.route,
            after: call.after ?? 0,
          });
          const error = await call.send(connect(options)).catch((caught: unknown) => caught);
          expect(isRedirectError(error)).toBe(true);
          const redirect = error as RedirectError;
          expect(redirect.status).toBe(status);
          expect(redirect.message).toContain(elsewhereServer.url);
          expect(redirect.message).toContain('follows no redirect');
          expect(api.stats.faults).toEqual({ redirect: 1 });
          // Not retried: the redirected request was sent once.
          expect(api.stats.requests).toBe((call.after ?? 0) + 1);
          expect(elsewhere.stats.requests).toBe(0);
          if (call.after) expect(redirect.checkpoint).toEqual({ page: 2, pageSize: 50 });
          api.clearFaults();
        }
      });
    }
  }
});

describe('an answer is read within maxResponseBytes', () => {
  for (const encoding of [undefined, 'gzip'] as const) {
    for (const [name, call] of Object.entries(calls)) {
      it(`an endless ${encoding ?? 'plain'} body to ${name} fails with ResponseTooLargeError, not retried`, async () => {
        api.stats.reset();
        api.injectFault({ kind: 'endless-body', encoding, route: call.route, after: call.after ?? 0 });
        const error = await call
          .send(connect({ maxResponseBytes: 256 * 1024 }))
          .catch((caught: unknown) => caught);
        expect(isResponseTooLargeError(error)).toBe(true);
        const tooLarge = error as ResponseTooLargeError;
        expect(tooLarge.limit).toBe(256 * 1024);
        expect(tooLarge.message).toContain('`maxResponseBytes`');
        expect(api.stats.requests).toBe((call.after ?? 0) + 1);
        if (call.after) expect(tooLarge.checkpoint).toEqual({ page: 2, pageSize: 50 });
      });
    }
  }

  it('holds by default at 16 MiB', async () => {
    api.injectFault({ kind: 'endless-body', encoding: 'gzip', route: 'GET /api/clients' });
    const error = await connect()
      .clients.get(1)
      .catch((caught: unknown) => caught);
    expect((error as ResponseTooLargeError).limit).toBe(16 * 1024 * 1024);
    expect((error as Error).message).toContain('16 MiB');
  });
});

describe('plain http only on this machine', () => {
  it('refuses an http: baseUrl to another host unless allowInsecureRequests is true', () => {
    const construct = (options: Partial<IntendClientOptions>) => () =>
      createIntendClient({ baseUrl: 'http://acme.intend.example', apiKey, secretKey, ...options });
    let error: unknown;
    try {
      construct({})();
    } catch (caught) {
      error = caught;
    }
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toContain('`baseUrl`');
    expect((error as Error).message).toContain('allowInsecureRequests');
    expect(construct({ allowInsecureRequests: true })).not.toThrow();
    expect(() => createIntendClient({ baseUrl: 'http://localhost:9', apiKey, secretKey })).not.toThrow();
    expect(() =>
      createIntendClient({ baseUrl: 'https://acme.intend.example', apiKey, secretKey }),
    ).not.toThrow();
  });
});
