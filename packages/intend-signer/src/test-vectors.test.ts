import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isSignatureError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, type IntendSignatureScheme, type StringToSign } from './index.js';
import { entries } from './testing/entries.js';

interface Vector {
  readonly name: string;
  readonly scheme:
    | 'key-timestamp'
    | 'canonical-request'
    | {
        readonly stringToSign: 'key-timestamp' | 'canonical-request';
        readonly algorithm?: 'SHA-256' | 'SHA-512';
        readonly encoding?: 'hex' | 'base64';
        readonly timestampUnit?: 's' | 'ms';
      };
  readonly headerNames?: {
    readonly apiKey?: string;
    readonly timestamp?: string;
    readonly signature?: string;
  };
  readonly apiKey: string;
  readonly secretKey: string;
  readonly now: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly body: null | { readonly text: string } | { readonly base64: string };
  };
  readonly stringToSign: string;
  readonly headers: Readonly<Record<string, string>>;
}

const { vectors } = JSON.parse(readFileSync(new URL('../test-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

function bodyOf(vector: Vector): string | Uint8Array<ArrayBuffer> | undefined {
  const { body } = vector.request;
  if (body === null) return undefined;
  return 'text' in body ? body.text : new Uint8Array(Buffer.from(body.base64, 'base64'));
}

function bodyBytesOf(vector: Vector): Uint8Array {
  const body = bodyOf(vector);
  return typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array(0));
}

// The same strings as the built-in schemes, written as the functions a user would write: every
// vector also runs through the custom-function path.
const asFunction: Record<'key-timestamp' | 'canonical-request', StringToSign> = {
  'key-timestamp': ({ apiKey, timestamp }) => apiKey + timestamp,
  'canonical-request': async ({ method, url, timestamp, body }) =>
    canonicalRequest({ method, url, timestamp, bodySha256: createHash('sha256').update(body).digest('hex') }),
};

function schemeForms(vector: Vector): [string, IntendSignatureScheme][] {
  const { scheme } = vector;
  if (typeof scheme === 'string') {
    return [
      ['by name', scheme],
      ['as a stringToSign function', asFunction[scheme]],
    ];
  }
  return [
    ['as written', scheme],
    ['with a stringToSign function', { ...scheme, stringToSign: asFunction[scheme.stringToSign] }],
  ];
}

function timestampMilliseconds(vector: Vector): number {
  const unit = typeof vector.scheme === 'string' ? 's' : (vector.scheme.timestampUnit ?? 's');
  const value = Number(Object.values(vector.headers)[1]);
  return unit === 's' ? value * 1000 : value;
}

function tamper(signature: string): string {
  const last = signature.at(-1) === 'a' ? 'b' : 'a';
  return signature.slice(0, -1) + last;
}

describe('test-vectors.json', () => {
  it('has at least 12 vectors covering every scheme form and the edge cases', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(12);
    const names = vectors.map((vector) => vector.name).join('\n');
    for (const needed of [
      'empty string body',
      'unicode',
      'binary body',
      'RFC 3986',
      'repeated query',
      'millisecond',
      'base64',
      'SHA512',
      'invalid UTF-8',
      'bare key',
      'empty value',
    ]) {
      expect(names).toContain(needed);
    }
    expect(vectors.some((vector) => vector.scheme === 'key-timestamp')).toBe(true);
    expect(vectors.some((vector) => vector.scheme === 'canonical-request')).toBe(true);
    expect(vectors.some((vector) => typeof vector.scheme === 'object')).toBe(true);
  });

  it('gives a bare key and an empty value different signatures', () => {
    const signatureFor = (url: string) =>
      vectors.find((vector) => vector.request.url === url)?.headers['signature'];
    const bare = signatureFor('https://acme.intend.com/api/clients?f');
    expect(bare).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureFor('https://acme.intend.com/api/clients?f=')).not.toBe(bare);
  });

  it.each(vectors)('$name: the string to sign matches', (vector) => {
    const stringToSign = typeof vector.scheme === 'string' ? vector.scheme : vector.scheme.stringToSign;
    const timestamp = vector.stringToSign.includes('\n')
      ? (vector.stringToSign.split('\n')[3] ?? '')
      : vector.stringToSign.slice(vector.apiKey.length);
    const expected =
      stringToSign === 'key-timestamp'
        ? vector.apiKey + timestamp
        : canonicalRequest({
            method: vector.request.method,
            url: vector.request.url,
            timestamp,
            bodySha256: createHash('sha256').update(bodyBytesOf(vector)).digest('hex'),
          });
    expect(expected).toBe(vector.stringToSign);
  });
});

describe.each(entries)('$name', ({ api }) => {
  describe.each(vectors)('$name', (vector) => {
    it.each(schemeForms(vector))('signs and verifies (scheme %s)', async (_form, scheme) => {
      const headerNames = vector.headerNames ?? {};
      const signer = api.createIntendSigner({
        apiKey: vector.apiKey,
        secretKey: vector.secretKey,
        scheme,
        headerNames,
        now: () => vector.now,
      });
      const request = { method: vector.request.method, url: vector.request.url, body: bodyOf(vector) };
      const headers = await signer.sign(request);
      expect(headers).toEqual(vector.headers);

      const options = { secretFor: () => vector.secretKey, scheme, headerNames, now: () => vector.now };
      const expected = { apiKey: vector.apiKey, timestamp: timestampMilliseconds(vector), secretIndex: 0 };
      await expect(
        api.verifyIntendRequest({ ...request, headers: vector.headers }, options),
      ).resolves.toEqual(expected);

      // The same through a Fetch Request, whose body the verifier reads from a clone.
      const fetchRequest = new Request(vector.request.url, {
        method: vector.request.method,
        headers: vector.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      await expect(api.verifyIntendRequest(fetchRequest, options)).resolves.toEqual(expected);

      const signatureHeader = vector.headerNames?.signature ?? 'signature';
      const tampered = {
        ...vector.headers,
        [signatureHeader]: tamper(vector.headers[signatureHeader] ?? ''),
      };
      const failure = await api
        .verifyIntendRequest({ ...request, headers: tampered }, options)
        .catch((error: unknown) => error);
      expect(isSignatureError(failure) && failure.reason).toBe('signature_mismatch');
    });
  });
});
