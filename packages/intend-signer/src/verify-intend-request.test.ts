import { inspect } from 'node:util';
import { isConfigurationError, Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import type { VerifyIntendRequestOptions } from './index.js';
import { apiKey, entries, fixedNow, secretKey } from './testing/entries.js';
import { body, url, verification } from './testing/verification.js';

describe.each(entries)('$name: verifyIntendRequest', ({ api }) => {
  const { signed, options, failure } = verification(api);

  it('accepts a correctly signed request and reports the key and timestamp', async () => {
    const headers = await signed();
    await expect(api.verifyIntendRequest({ method: 'POST', url, headers, body }, options())).resolves.toEqual(
      {
        apiKey,
        timestamp: fixedNow,
        secretIndex: 0,
      },
    );
  });

  it.each(['api-key', 'timestamp', 'signature'])(
    'rejects a missing or empty %s header with missing_header',
    async (name) => {
      const headers = await signed();
      const { [name]: _removed, ...rest } = headers;
      const missing = await failure({ method: 'POST', url, headers: rest, body });
      expect([missing.reason, missing.header]).toEqual(['missing_header', name]);
      const empty = await failure({ method: 'POST', url, headers: { ...headers, [name]: '' }, body });
      expect(empty.reason).toBe('missing_header');
    },
  );

  it('rejects an unknown key, whatever secretFor returns for it', async () => {
    const headers = { ...(await signed()), 'api-key': 'someone-else' };
    for (const secretFor of [() => undefined, () => null, () => [], async () => undefined]) {
      const error = await failure({ method: 'POST', url, headers, body }, options({ secretFor }));
      expect([error.reason, error.header]).toEqual(['unknown_key', 'api-key']);
    }
  });

  it('accepts any of several secrets during a rotation, sync or async, strings or Secrets', async () => {
    const headers = await signed();
    const request = { method: 'POST', url, headers, body };
    const rotations: VerifyIntendRequestOptions['secretFor'][] = [
      () => ['previous-secret', secretKey],
      async () => [new Secret('previous-secret'), new Secret(secretKey)],
      () => [secretKey, 'next-secret'],
    ];
    const indexes = [];
    for (const secretFor of rotations)
      indexes.push((await api.verifyIntendRequest(request, options({ secretFor }))).secretIndex);
    expect(indexes).toEqual([1, 1, 0]);
    const error = await failure(request, options({ secretFor: () => ['previous-secret', 'next-secret'] }));
    expect([error.reason, error.header]).toEqual(['signature_mismatch', 'signature']);
  });

  it('reports signature_mismatch for a wrong length or case', async () => {
    const headers = await signed();
    const signature = headers['signature'] ?? '';
    for (const wrong of [signature.slice(1), `${signature}0`, signature.toUpperCase(), 'x']) {
      const error = await failure({ method: 'POST', url, headers: { ...headers, signature: wrong }, body });
      expect(error.reason).toBe('signature_mismatch');
    }
  });

  it('checks in order: headers, timestamp format, timestamp range, key, signature', async () => {
    const headers = await signed();
    const request = (changes: Record<string, string>) => ({
      method: 'POST',
      url,
      headers: { ...headers, ...changes },
      body,
    });
    expect((await failure(request({ timestamp: 'x', signature: '' }))).reason).toBe('missing_header');
    expect((await failure(request({ timestamp: 'x', 'api-key': 'unknown' }))).reason).toBe(
      'malformed_timestamp',
    );
    expect((await failure(request({ timestamp: '1', 'api-key': 'unknown' }))).reason).toBe(
      'timestamp_out_of_range',
    );
    expect((await failure(request({ 'api-key': 'unknown', signature: 'x' }))).reason).toBe('unknown_key');
  });

  it('reads headers from Headers and from plain objects in any case, including arrays', async () => {
    const headers = await signed();
    const shouting = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]),
    );
    await expect(
      api.verifyIntendRequest({ method: 'POST', url, headers: shouting, body }, options()),
    ).resolves.toBeDefined();
    await expect(
      api.verifyIntendRequest({ method: 'POST', url, headers: new Headers(headers), body }, options()),
    ).resolves.toBeDefined();
    const asArrays = { ...headers, 'api-key': [apiKey], 'x-ignored': undefined };
    await expect(
      api.verifyIntendRequest({ method: 'POST', url, headers: asArrays, body }, options()),
    ).resolves.toBeDefined();
  });

  it('honours renamed headers', async () => {
    const headerNames = { apiKey: 'x-api-key', timestamp: 'x-timestamp', signature: 'x-signature' };
    const signer = api.createIntendSigner({ apiKey, secretKey, headerNames, now: () => fixedNow });
    const headers = await signer.sign({ method: 'GET', url });
    await expect(
      api.verifyIntendRequest({ method: 'GET', url, headers }, options({ headerNames })),
    ).resolves.toBeDefined();
    const error = await failure({ method: 'GET', url, headers });
    expect([error.reason, error.header]).toEqual(['missing_header', 'api-key']);
  });

  it('reads a Request body from a clone, so the caller can still read it', async () => {
    const headers = await signed('canonical-request');
    const request = new Request(url, { method: 'POST', headers, body });
    await expect(
      api.verifyIntendRequest(request, options({ scheme: 'canonical-request' })),
    ).resolves.toBeDefined();
    expect(await request.text()).toBe(body);
  });

  it('does not touch a Request body for a scheme that does not sign it', async () => {
    const headers = await signed();
    const request = new Request(url, { method: 'POST', headers, body });
    await request.text();
    await expect(api.verifyIntendRequest(request, options())).resolves.toBeDefined();
  });

  it('says so when a Request body was already read', async () => {
    const headers = await signed('canonical-request');
    const request = new Request(url, { method: 'POST', headers, body });
    await request.text();
    const error = await api
      .verifyIntendRequest(request, options({ scheme: 'canonical-request' }))
      .catch((caught: unknown) => caught);
    expect(isConfigurationError(error) && error.option).toBe('request');
  });

  it('binds the body, method, path and query under canonical-request', async () => {
    const headers = await signed('canonical-request');
    const verify = (changes: Partial<{ method: string; url: string; body: string }>) =>
      failure({ method: 'POST', url, headers, body, ...changes }, options({ scheme: 'canonical-request' }));
    for (const changes of [
      { body: '{"first_name":"Zoe"}' },
      { method: 'PUT' },
      { url: url.replace('/create', '/update') },
      { url: `${url}&extra=1` },
      { url: url.replace('source=web', 'source=api') },
    ]) {
      expect((await verify(changes)).reason).toBe('signature_mismatch');
    }
    await expect(
      api.verifyIntendRequest(
        {
          method: 'post',
          url: url.replace('source=web', 'source=w%65b'),
          headers,
          body: new TextEncoder().encode(body),
        },
        options({ scheme: 'canonical-request' }),
      ),
    ).resolves.toBeDefined();
  });

  it('rejects a request URL that is not an absolute http(s) URL, under every scheme', async () => {
    const headers = await signed();
    for (const scheme of ['key-timestamp', 'canonical-request'] as const) {
      for (const badUrl of ['not a url', '/api/clients/create', 'ftp://acme.intend.com/api/clients']) {
        const error = await api
          .verifyIntendRequest({ method: 'POST', url: badUrl, headers, body }, options({ scheme }))
          .catch((caught: unknown) => caught);
        expect(isConfigurationError(error) && error.option).toBe('request.url');
      }
    }
  });

  it.each([
    ['?f', '?f='],
    ['?f=', '?f'],
    ['?f=%FF', '?f=%EF%BF%BD'],
    ['?f=%FF', '?f=%FE'],
  ])('does not accept a canonical-request signature for %s on %s', async (signedQuery, sentQuery) => {
    const base = 'https://acme.intend.com/api/files';
    const scheme = 'canonical-request';
    const signer = api.createIntendSigner({ apiKey, secretKey, scheme, now: () => fixedNow });
    const headers = await signer.sign({ method: 'GET', url: base + signedQuery });
    await expect(
      api.verifyIntendRequest({ method: 'GET', url: base + signedQuery, headers }, options({ scheme })),
    ).resolves.toBeDefined();
    const error = await failure({ method: 'GET', url: base + sentQuery, headers }, options({ scheme }));
    expect(error.reason).toBe('signature_mismatch');
  });

  it.each<[string, Partial<Record<keyof VerifyIntendRequestOptions, unknown>>]>([
    ['secretFor', { secretFor: undefined }],
    ['toleranceSeconds', { toleranceSeconds: -1 }],
    ['toleranceSeconds', { toleranceSeconds: Number.NaN }],
    ['now', { now: fixedNow }],
    ['scheme', { scheme: 'rsa' }],
    ['headerNames.apiKey', { headerNames: { apiKey: '' } }],
    ['secretFor()', { secretFor: () => 42 }],
    ['secretFor()[1]', { secretFor: () => [secretKey, ''] }],
  ])('names the invalid option %s', async (option, overrides) => {
    const headers = await signed();
    const error = await api
      .verifyIntendRequest({ method: 'POST', url, headers, body }, {
        ...options(),
        ...overrides,
      } as VerifyIntendRequestOptions)
      .catch((caught: unknown) => caught);
    expect(isConfigurationError(error) && error.option).toBe(option);
  });

  it('never puts the secret in an error', async () => {
    const headers = await signed();
    const errors = [
      await failure({ method: 'POST', url, headers: { ...headers, signature: 'x' }, body }),
      await api
        .verifyIntendRequest(
          { method: 'POST', url, headers, body },
          options({ secretFor: () => `${secretKey} ` }),
        )
        .catch((caught: unknown) => caught),
    ];
    for (const error of errors) {
      expect(
        `${String(error)}${JSON.stringify(error)}${inspect(error, { showHidden: true, depth: 10 })}`,
      ).not.toContain(secretKey);
    }
  });
});
