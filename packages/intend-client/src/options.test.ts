import { inspect } from 'node:util';
import { isConfigurationError, Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIntendClient, type IntendClientOptions } from './index.js';

const valid = {
  baseUrl: 'https://acme.intend.test',
  apiKey: 'test-api-key',
  secretKey: 'test-secret-key-0123456789',
};

let requests = 0;
const fetch = async () => {
  requests += 1;
  return Response.json({ status: 200, response: true, data: [], msg: 'ok' });
};

function construct(options: unknown): unknown {
  try {
    createIntendClient(options as IntendClientOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('bad options are a ConfigurationError, never a TypeError', () => {
  it.each([
    ['no options', undefined],
    ['null', null],
    ['a string', 'https://acme.intend.test'],
    ['hooks.beforeRequest a number', { ...valid, hooks: { beforeRequest: 5 } }],
    ['hooks a number', { ...valid, hooks: 5 }],
    ['paths.clients a number', { ...valid, paths: { clients: 5 } }],
    ['an unknown path name', { ...valid, paths: { client: '/api/x' } }],
    ['retry null', { ...valid, retry: null }],
    ['retry 1e308', { ...valid, retry: 1e308 }],
    ['timeout 2^31', { ...valid, timeout: 2 ** 31 }],
    ['headers with a number', { ...valid, headers: { 'x-a': 1 } }],
    ['fetch an object', { ...valid, fetch: {} }],
    ['signer an object', { baseUrl: valid.baseUrl, signer: {} }],
  ])('%s', (_name, options) => {
    expect(isConfigurationError(construct(options))).toBe(true);
  });

  it('refuses user info in baseUrl without echoing it', () => {
    const error = construct({ ...valid, baseUrl: 'http://user:hunter2-password@acme.intend.test' });
    expect(isConfigurationError(error)).toBe(true);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain('hunter2-password');
    }
  });

  it('accepts the secret key as a Secret', async () => {
    const intend = createIntendClient({ ...valid, secretKey: new Secret(valid.secretKey), fetch });
    await expect(intend.clients.get(1)).resolves.toEqual([]);
  });
});

describe('bad listing arguments', () => {
  const intend = createIntendClient({ ...valid, fetch });

  it.each([
    ['query null', () => intend.clients.list(null as never)],
    ['options null', () => intend.clients.list({}, null as never)],
    ['signal an object', () => intend.clients.list({}, { signal: {} as AbortSignal })],
    ['onPage a number', () => intend.clients.list({}, { onPage: 1 as never })],
    ['prefetch 100000', () => intend.clients.list({}, { prefetch: 100_000 })],
    ['concurrency 1e308', () => intend.clients.list({}, { concurrency: 1e308 })],
    ['pageSize 0', () => intend.clients.list({}, { pageSize: 0 })],
    ['startPage NaN', () => intend.products.list({}, { startPage: Number.NaN })],
  ])('%s throws before any request', (_name, list) => {
    const before = requests;
    let error: unknown;
    try {
      list();
    } catch (caught) {
      error = caught;
    }
    expect(isConfigurationError(error)).toBe(true);
    expect(requests).toBe(before);
  });

  it('toArray without a limit, or with a huge one, is refused', async () => {
    await expect(intend.clients.list().toArray(undefined as never)).rejects.toSatisfy(isConfigurationError);
    await expect(intend.clients.list().toArray({ limit: -1 })).rejects.toSatisfy(isConfigurationError);
  });

  it('request options are checked as the call starts, as a rejection', async () => {
    await expect(intend.clients.get(1, { signal: 5 as never })).rejects.toSatisfy(isConfigurationError);
    await expect(intend.categories.get(1, null as never)).rejects.toSatisfy(isConfigurationError);
  });
});

describe('errors never carry the credentials the client knows', () => {
  it('scrubs a secret key a server echoed in free text, and says what to check on a 401', async () => {
    const secretKey = 'SUPERSECRET-0123456789';
    const echo = async () =>
      Response.json(
        {
          status: 500,
          response: false,
          msg: `bad signature for secret ${secretKey} (${encodeURIComponent(secretKey)})`,
        },
        { status: 500 },
      );
    const intend = createIntendClient({ ...valid, secretKey, fetch: echo, retry: 0 });
    const error = await intend.clients.get(1).catch((caught: unknown) => caught);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain(encodeURIComponent(secretKey));
    }
    const refused = async () =>
      Response.json({ status: 401, response: false, msg: 'signature_mismatch' }, { status: 401 });
    const listing = createIntendClient({ ...valid, fetch: refused, retry: 0 }).clients.list();
    const refusal = (await listing.toArray({ limit: 10 }).catch((caught: unknown) => caught)) as Error;
    expect(refusal.message).toContain('Check `apiKey` and `secretKey`, the signature scheme');
    expect(refusal.message).toContain('adjustClock');
    expect(refusal.message).not.toContain('resume with');
  });
});

describe('hostile values in paths, methods, queries and pages', () => {
  const intend = createIntendClient({ ...valid, fetch });

  it('a query value that is not a string, number or boolean is a ConfigurationError rejection', async () => {
    await expect(intend.clients.get(Object.create(null))).rejects.toSatisfy(isConfigurationError);
    await expect(intend.sales.get({} as never)).rejects.toSatisfy(isConfigurationError);
    await expect(intend.request('GET', '/api/clients', { query: { a: Number.NaN } })).rejects.toSatisfy(
      isConfigurationError,
    );
    expect(() => intend.clients.list({ clientType: {} as never })).toThrow(/query\.client_type/);
  });

  it('a get() without a usable id is refused by name, before any request: none lists records instead', async () => {
    const before = requests;
    const odd: unknown[] = [undefined, null, '', ' 7', -1, 0, 1.5, Number.NaN, true, {}];
    for (const id of odd) {
      for (const get of [intend.clients.get, intend.products.get, intend.categories.get]) {
        await expect(get(id as never)).rejects.toMatchObject({ name: 'ConfigurationError', option: 'id' });
      }
      await expect(intend.sales.get(id as never)).rejects.toMatchObject({ option: 'saleId' });
      // An optional id may be left out: undefined is the one value it takes that an id does not.
      if (id === undefined) continue;
      await expect(intend.sales.get(1, { clientId: id as never })).rejects.toMatchObject({
        option: 'query.clientId',
      });
    }
    await expect(intend.categories.get(1, { parentCategoryId: '' })).rejects.toMatchObject({
      option: 'query.parentCategoryId',
    });
    expect(requests).toBe(before);
    await intend.clients.get('C-16');
    await intend.sales.get(3, { clientId: 16 });
    expect(requests).toBe(before + 2);
  });

  it('a path that leaves baseUrl is refused before any request: no signature reaches another origin', async () => {
    const before = requests;
    for (const path of [
      'http://evil.example/api/x',
      'https://evil.example/api/x',
      '\\\\evil.example/api/x',
      'javascript:alert(1)',
    ]) {
      const error = await intend.request('GET', path).catch((caught: unknown) => caught);
      expect(isConfigurationError(error), path).toBe(true);
      expect((error as Error).message).toContain('below `baseUrl`');
    }
    // Out of a proxy's tenant prefix.
    const prefixed = createIntendClient({ ...valid, baseUrl: 'https://gateway.test/tenants/acme', fetch });
    const escaped = await prefixed
      .request('GET', '../other-tenant/api/clients')
      .catch((caught: unknown) => caught);
    expect(isConfigurationError(escaped)).toBe(true);
    expect(requests).toBe(before);
  });

  it('a method or path that is not a string is a ConfigurationError', async () => {
    await expect(intend.request(undefined as never, '/api/clients')).rejects.toSatisfy(isConfigurationError);
    await expect(intend.request('GET', null as never)).rejects.toSatisfy(isConfigurationError);
    expect(() => intend.paginate(Number.NaN as never)).toThrow(/`path`/);
  });

  it('a record whose id is not a plain value does not break the repeated-page guard', async () => {
    // One record on page 1, then an empty page 2 that ends the listing.
    const odd = async (input: Request | string | URL) =>
      Response.json({
        status: 200,
        response: true,
        data: String(input instanceof Request ? input.url : input).includes('page=1')
          ? [{ id: { toString: 1 } }]
          : [],
        msg: 'ok',
      });
    const records = await createIntendClient({ ...valid, fetch: odd })
      .clients.list()
      .toArray({ limit: 5 });
    expect(records).toHaveLength(1);
  });
});

describe('signal look-alikes', () => {
  it('are refused by name, for a call and for a listing', async () => {
    const intend = createIntendClient({ ...valid, fetch });
    const lookAlike = { aborted: false } as unknown as AbortSignal;
    await expect(intend.clients.get(1, { signal: lookAlike })).rejects.toSatisfy(isConfigurationError);
    expect(() => intend.clients.list({}, { signal: lookAlike })).toThrow(/`signal`/);
  });
});
