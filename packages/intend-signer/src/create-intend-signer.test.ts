import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { type ConfigurationError, isConfigurationError, Secret } from '@bridgekit/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntendSignerOptions } from './index.js';
import { apiKey, entries, fixedNow, secretKey } from './testing/entries.js';

const url = 'https://acme.intend.com/api/clients?page=2';

function expectedSignature(message: string): string {
  return createHmac('sha256', secretKey).update(message).digest('hex');
}

async function configurationFailure(action: () => unknown): Promise<ConfigurationError> {
  try {
    await action();
  } catch (error) {
    if (isConfigurationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe.each(entries)('$name: createIntendSigner', ({ api }) => {
  const signer = (options: Partial<IntendSignerOptions> = {}) =>
    api.createIntendSigner({ apiKey, secretKey, now: () => fixedNow, ...options });

  it('signs with the default scheme: Unix seconds and hex HMAC-SHA256 over apiKey + timestamp', async () => {
    const headers = await signer().sign({ method: 'GET', url });
    expect(headers).toEqual({
      'api-key': apiKey,
      timestamp: '1732370000',
      signature: expectedSignature(`${apiKey}1732370000`),
    });
    expect(headers['signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(signer().scheme).toBe('key-timestamp');
    expect(signer().signsBody).toBe(false);
    expect(signer({ scheme: 'canonical-request' }).signsBody).toBe(true);
  });

  it('accepts the secret as a Secret', async () => {
    const headers = await signer({ secretKey: new Secret(secretKey) }).sign({ method: 'GET', url });
    expect(headers['signature']).toBe(expectedSignature(`${apiKey}1732370000`));
  });

  it('takes a fresh timestamp for every request from the injected clock', async () => {
    let now = fixedNow;
    const clocked = signer({ now: () => now });
    const first = await clocked.sign({ method: 'GET', url });
    now += 61_500;
    const second = await clocked.sign({ method: 'GET', url });
    expect(Number(second['timestamp']) - Number(first['timestamp'])).toBe(61);
  });

  it('adds clockOffsetMs, and adjustClock sets it from a Date header, a Date or epoch ms', async () => {
    const skewed = signer({ clockOffsetMs: 5000 });
    expect(skewed.clockOffsetMs).toBe(5000);
    expect((await skewed.sign({ method: 'GET', url }))['timestamp']).toBe('1732370005');

    // The server's clock is 90 s ahead of ours.
    const serverDate = new Date(fixedNow + 90_000);
    expect(skewed.adjustClock(serverDate.toUTCString())).toBe(90_000);
    expect(skewed.clockOffsetMs).toBe(90_000);
    expect((await skewed.sign({ method: 'GET', url }))['timestamp']).toBe('1732370090');
    expect(skewed.adjustClock(new Date(fixedNow - 30_000))).toBe(-30_000);
    expect(skewed.adjustClock(fixedNow)).toBe(0);

    const error = await configurationFailure(() => skewed.adjustClock('not a date'));
    expect(error.option).toBe('serverDate');
    expect(skewed.clockOffsetMs).toBe(0);
  });

  it('writes millisecond timestamps when the scheme says so', async () => {
    const headers = await signer({
      now: () => fixedNow + 42,
      scheme: { stringToSign: 'key-timestamp', timestampUnit: 'ms' },
    }).sign({
      method: 'GET',
      url,
    });
    expect(headers['timestamp']).toBe('1732370000042');
    expect(headers['signature']).toBe(expectedSignature(`${apiKey}1732370000042`));
  });

  it('uses renamed headers', async () => {
    const headers = await signer({ headerNames: { apiKey: 'X-Api-Key', signature: 'x-signature' } }).sign({
      method: 'GET',
      url,
    });
    expect(Object.keys(headers)).toEqual(['x-api-key', 'timestamp', 'x-signature']);
  });

  it('gives a custom stringToSign the method, parsed URL, body bytes, API key and timestamp', async () => {
    const stringToSign = vi.fn(async () => 'message');
    const body = new Uint8Array([1, 2, 3]);
    const headers = await signer({ scheme: { stringToSign, encoding: 'base64', algorithm: 'SHA-512' } }).sign(
      {
        method: 'PUT',
        url,
        body: body.buffer,
      },
    );
    expect(stringToSign).toHaveBeenCalledWith({
      method: 'PUT',
      url: new URL(url),
      body,
      apiKey,
      timestamp: '1732370000',
    });
    expect(headers['signature']).toBe(createHmac('sha512', secretKey).update('message').digest('base64'));
  });

  it('passes an empty body to a custom scheme when there is none', async () => {
    const stringToSign = vi.fn((input: { body: Uint8Array }) => String(input.body.length));
    await signer({ scheme: stringToSign }).sign({ method: 'GET', url });
    expect(stringToSign).toHaveReturnedWith('0');
  });

  it('rejects (never throws synchronously) for a bad request or a stringToSign that returns no string', async () => {
    const bad = signer({ scheme: 'canonical-request' });
    const relative = bad.sign({ method: 'GET', url: '/api/clients' });
    expect((await configurationFailure(() => relative)).option).toBe('request.url');
    const method = bad.sign({ method: 'GET /', url });
    expect((await configurationFailure(() => method)).option).toBe('request.method');
    const body = bad.sign({ method: 'POST', url, body: new FormData() as unknown as string });
    expect((await configurationFailure(() => body)).option).toBe('request.body');
    const notString = signer({ scheme: () => 42 as unknown as string }).sign({ method: 'GET', url });
    expect((await configurationFailure(() => notString)).option).toBe('scheme.stringToSign');
    const clock = signer({ now: () => Number.NaN }).sign({ method: 'GET', url });
    expect((await configurationFailure(() => clock)).option).toBe('now');
  });

  it.each([
    'not a url',
    '/api/clients',
    'acme.intend.com/api/clients',
    'ftp://acme.intend.com/api/clients',
    'mailto:api@intend.com',
    new URL('file:///etc/passwd'),
  ])('rejects the URL %s under every scheme, also those that do not sign it', async (badUrl) => {
    for (const scheme of ['key-timestamp', 'canonical-request', () => 'message'] as const) {
      const error = await configurationFailure(() => signer({ scheme }).sign({ method: 'GET', url: badUrl }));
      expect(error.option).toBe('request.url');
      expect(error.message).toContain('expected an absolute URL with http: or https:');
    }
  });

  it('accepts http and https URLs, as strings or URL objects', async () => {
    for (const good of ['http://127.0.0.1:8080/api/clients', 'HTTPS://acme.intend.com', new URL(url)]) {
      await expect(signer().sign({ method: 'GET', url: good })).resolves.toHaveProperty('signature');
    }
  });

  it.each<[string, Partial<Record<keyof IntendSignerOptions, unknown>>]>([
    ['apiKey', { apiKey: '' }],
    ['apiKey', { apiKey: `${apiKey}\n` }],
    ['apiKey', { apiKey: 42 }],
    ['secretKey', { secretKey: '' }],
    ['secretKey', { secretKey: `${secretKey}\n` }],
    ['secretKey', { secretKey: undefined }],
    ['secretKey', { secretKey: new Secret('') }],
    ['scheme', { scheme: 'hmac' }],
    ['scheme.stringToSign', { scheme: { stringToSign: 'hmac' } }],
    ['scheme.algorithm', { scheme: { stringToSign: 'key-timestamp', algorithm: 'MD5' } }],
    ['scheme.encoding', { scheme: { stringToSign: 'key-timestamp', encoding: 'HEX' } }],
    ['scheme.timestampUnit', { scheme: { stringToSign: 'key-timestamp', timestampUnit: 'seconds' } }],
    ['now', { now: 1732370000 }],
    ['clockOffsetMs', { clockOffsetMs: Number.POSITIVE_INFINITY }],
    ['headerNames', { headerNames: 'x-signature' }],
    ['headerNames.signature', { headerNames: { signature: 'x signature' } }],
    ['headerNames', { headerNames: { signature: 'API-KEY' } }],
    ['dangerouslyAllowBrowser', { dangerouslyAllowBrowser: 'yes' }],
  ])('names the invalid option %s and never repeats a secret', async (option, overrides) => {
    const error = await configurationFailure(() =>
      api.createIntendSigner({ apiKey, secretKey, ...overrides } as IntendSignerOptions),
    );
    expect(error.option).toBe(option);
    expect(error.message).toContain(`\`${option}\``);
    expect(`${error.message}${JSON.stringify(error)}${inspect(error)}`).not.toContain(secretKey);
  });

  it('rejects options that are not an object', async () => {
    const error = await configurationFailure(() =>
      api.createIntendSigner(undefined as unknown as IntendSignerOptions),
    );
    expect(error.option).toBe('options');
  });

  it('never shows the secret in JSON, String(), util.inspect() or its own properties', async () => {
    const instance = signer({ secretKey: secretKey });
    await instance.sign({ method: 'GET', url });
    const outputs = [
      JSON.stringify(instance),
      JSON.stringify({ nested: { instance } }),
      String(instance),
      `${instance}`,
      inspect(instance),
      inspect(instance, { showHidden: true, depth: 10, getters: true }),
      inspect({ instance }, { showHidden: true, depth: 10 }),
      Object.getOwnPropertyNames(instance).join(),
      JSON.stringify(Object.getOwnPropertyDescriptors(instance)),
    ];
    for (const output of outputs) expect(output).not.toContain(secretKey);
    expect(JSON.parse(JSON.stringify(instance))).toEqual({ scheme: 'key-timestamp', clockOffsetMs: 0 });
    expect(String(instance)).toBe('[object IntendSigner]');
    expect(inspect(instance)).toBe("IntendSigner { scheme: 'key-timestamp', clockOffsetMs: 0 }");
    expect(instance.apiKey).toBe(apiKey);
  });
});

describe('default entry: Web Crypto key import', () => {
  it('imports the key once per signer, on first use', async () => {
    const { api } = entries[0] ?? expect.unreachable();
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      const signer = api.createIntendSigner({ apiKey, secretKey, now: () => fixedNow });
      expect(importKey).not.toHaveBeenCalled();
      await Promise.all([signer.sign({ method: 'GET', url }), signer.sign({ method: 'GET', url })]);
      await signer.sign({ method: 'GET', url });
      expect(importKey).toHaveBeenCalledTimes(1);
      expect(importKey.mock.calls[0]?.[3]).toBe(false); // not extractable
    } finally {
      importKey.mockRestore();
    }
  });
});

describe.each(entries)('$name: browser guard', ({ api }) => {
  const scope = globalThis as { window?: unknown; document?: unknown };

  afterEach(() => {
    delete scope.window;
    delete scope.document;
  });

  it('refuses to hold the secret where `window` and `document` exist', async () => {
    scope.window = globalThis;
    scope.document = {};
    const error = await configurationFailure(() => api.createIntendSigner({ apiKey, secretKey }));
    expect(error.option).toBe('dangerouslyAllowBrowser');
    expect(error.message).toMatch(/must stay server-side/);
    expect(error.message).not.toContain(secretKey);
  });

  it('allows it with dangerouslyAllowBrowser: true', async () => {
    scope.window = globalThis;
    scope.document = {};
    const signer = api.createIntendSigner({
      apiKey,
      secretKey,
      dangerouslyAllowBrowser: true,
      now: () => fixedNow,
    });
    expect((await signer.sign({ method: 'GET', url }))['timestamp']).toBe('1732370000');
  });

  it('is not triggered by `window` alone (Deno 1.x) or in Node', () => {
    expect(() => api.createIntendSigner({ apiKey, secretKey })).not.toThrow();
    scope.window = globalThis;
    expect(() => api.createIntendSigner({ apiKey, secretKey })).not.toThrow();
  });
});
