import { isSignatureError, type SignatureFailureReason } from '@bridgekit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntendSignatureScheme, StringToSign } from './index.js';
import { entries } from './testing/entries.js';

const toleranceSeconds = 300;

const visibleAsciiCharacters = Array.from({ length: 0x7e - 0x20 }, (_, index) =>
  String.fromCharCode(0x21 + index),
);
const upperCaseCharacters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
// No `.`: `.` and `..` segments are resolved away by URL parsing, so they are not a byte of the path.
const segmentCharacters = [...'abcdefXYZ0189-_~'];
const timestampCharacters = [...'0123456789x-. '];

const apiKeyArbitrary = fc.string({
  unit: fc.constantFrom(...visibleAsciiCharacters),
  minLength: 1,
  maxLength: 40,
});
const secretArbitrary = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 64 })
  .filter((secret) => secret.trim() === secret);
const methodArbitrary = fc.string({
  unit: fc.constantFrom(...upperCaseCharacters),
  minLength: 1,
  maxLength: 10,
});
const pathArbitrary = fc
  .array(fc.string({ unit: fc.constantFrom(...segmentCharacters), minLength: 1, maxLength: 8 }), {
    maxLength: 4,
  })
  .map((segments) => `/${segments.join('/')}`);
const queryArbitrary = fc.array(
  fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })),
  { maxLength: 5 },
);
const bodyArbitrary = fc.option(
  fc.oneof(fc.string({ unit: 'binary', maxLength: 64 }), fc.uint8Array({ maxLength: 64 })),
  { nil: undefined },
);

const requestArbitrary = fc.record({
  apiKey: apiKeyArbitrary,
  secretKey: secretArbitrary,
  method: methodArbitrary,
  path: pathArbitrary,
  query: queryArbitrary,
  body: bodyArbitrary,
  now: fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
});
type Generated = typeof requestArbitrary extends fc.Arbitrary<infer T> ? T : never;

const bindingFunction: StringToSign = ({ method, url, body, apiKey, timestamp }) =>
  [method, url.href, body.join(','), apiKey, timestamp].join('|');

/** Schemes whose signature covers the method, path, query and body. */
const bindingSchemes: IntendSignatureScheme[] = [
  'canonical-request',
  { stringToSign: 'canonical-request', algorithm: 'SHA-512', encoding: 'base64', timestampUnit: 'ms' },
  bindingFunction,
  { stringToSign: bindingFunction, encoding: 'base64', timestampUnit: 'ms' },
];
/** Schemes that sign only the API key and timestamp. */
const keyTimestampSchemes: IntendSignatureScheme[] = [
  'key-timestamp',
  { stringToSign: 'key-timestamp', algorithm: 'SHA-512', encoding: 'base64', timestampUnit: 'ms' },
];

/** Where and how to change one character or byte; drawn before signing, applied after. */
const changeArbitrary = fc.record({
  position: fc.nat(),
  pick: fc.nat(),
  flip: fc.integer({ min: 1, max: 255 }),
  inName: fc.boolean(),
  character: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
});
type Change = typeof changeArbitrary extends fc.Arbitrary<infer T> ? T : never;

const requestParts = ['method', 'path', 'query', 'body'] as const;
const headerParts = ['timestamp', 'signature', 'api-key'] as const;
type Part = (typeof requestParts)[number] | (typeof headerParts)[number];

/** Replaces one character with a different one from `alphabet`; appends one to an empty string. */
function changeOne(text: string, alphabet: readonly string[], change: Change): string {
  const characters = Array.from(text);
  const replacement = alphabet[change.pick % alphabet.length] ?? '';
  if (characters.length === 0) return replacement;
  const index = change.position % characters.length;
  const original = characters[index];
  characters[index] =
    replacement === original ? (alphabet.find((candidate) => candidate !== original) ?? '') : replacement;
  return characters.join('');
}

function urlOf(path: string, query: readonly (readonly [string, string])[]): string {
  const search = new URLSearchParams(query.map(([name, value]) => [name, value])).toString();
  return `https://acme.intend.com${path}${search === '' ? '' : `?${search}`}`;
}

function unitOf(scheme: IntendSignatureScheme): 's' | 'ms' {
  return typeof scheme === 'object' ? (scheme.timestampUnit ?? 's') : 's';
}

function bodyBytes(body: Generated['body']): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array(0));
}

type Reason = 'verified' | SignatureFailureReason;

function timestampReason(timestamp: string, now: number, unit: 's' | 'ms'): Reason {
  if (!/^[0-9]{1,15}$/.test(timestamp)) return 'malformed_timestamp';
  const nowInUnit = unit === 's' ? Math.floor(now / 1000) : now;
  const tolerance = unit === 's' ? toleranceSeconds : toleranceSeconds * 1000;
  return Math.abs(nowInUnit - Number(timestamp)) > tolerance
    ? 'timestamp_out_of_range'
    : 'signature_mismatch';
}

interface Signed {
  readonly method: string;
  readonly url: string;
  readonly body: string | Uint8Array | undefined;
  readonly headers: Record<string, string>;
}

/** Applies one change to a signed request; returns the changed request and why it must fail. */
function mutate(
  generated: Generated,
  signed: Signed,
  part: Part,
  change: Change,
  unit: 's' | 'ms',
): [Signed, Reason] {
  const { headers } = signed;
  switch (part) {
    case 'method':
      return [
        { ...signed, method: changeOne(signed.method, upperCaseCharacters, change) },
        'signature_mismatch',
      ];
    case 'path': {
      // Change a segment character, never a `/`; a bare `/` gains a segment.
      const segments = generated.path.split('/');
      const changed =
        generated.path === '/'
          ? `/${changeOne('', segmentCharacters, change)}`
          : segments
              .map((segment, index) =>
                index === 1 + (change.position % (segments.length - 1))
                  ? changeOne(segment, segmentCharacters, change)
                  : segment,
              )
              .join('/');
      return [{ ...signed, url: urlOf(changed, generated.query) }, 'signature_mismatch'];
    }
    case 'query': {
      const { query } = generated;
      const index = change.position % Math.max(query.length, 1);
      const [name = '', value = ''] = query[index] ?? [];
      const alphabet = change.character === 'a' ? ['a', 'b'] : [change.character, 'a'];
      const pair: [string, string] = change.inName
        ? [changeOne(name, alphabet, { ...change, position: change.pick }), value]
        : [name, changeOne(value, alphabet, { ...change, position: change.pick })];
      const changed =
        query.length === 0 ? [pair] : query.map((each, position) => (position === index ? pair : each));
      return [{ ...signed, url: urlOf(generated.path, changed) }, 'signature_mismatch'];
    }
    case 'body': {
      const bytes = new Uint8Array(bodyBytes(generated.body));
      if (bytes.length === 0)
        return [{ ...signed, body: new Uint8Array([change.flip]) }, 'signature_mismatch'];
      const index = change.position % bytes.length;
      bytes[index] = (bytes[index] ?? 0) ^ change.flip;
      return [{ ...signed, body: bytes }, 'signature_mismatch'];
    }
    case 'timestamp': {
      const timestamp = changeOne(headers['timestamp'] ?? '', timestampCharacters, change);
      return [
        { ...signed, headers: { ...headers, timestamp } },
        timestampReason(timestamp, generated.now, unit),
      ];
    }
    case 'signature': {
      const signature = changeOne(headers['signature'] ?? '', visibleAsciiCharacters, change);
      return [{ ...signed, headers: { ...headers, signature } }, 'signature_mismatch'];
    }
    case 'api-key': {
      const apiKey = changeOne(generated.apiKey, visibleAsciiCharacters, change);
      return [{ ...signed, headers: { ...headers, 'api-key': apiKey } }, 'unknown_key'];
    }
  }
}

describe.each(entries)('$name: properties', ({ api }) => {
  async function sign(
    generated: Generated,
    scheme: IntendSignatureScheme,
    signerNow = generated.now,
  ): Promise<Signed> {
    const signer = api.createIntendSigner({
      apiKey: generated.apiKey,
      secretKey: generated.secretKey,
      scheme,
      now: () => signerNow,
    });
    const request = {
      method: generated.method,
      url: urlOf(generated.path, generated.query),
      body: generated.body,
    };
    return { ...request, headers: await signer.sign(request) };
  }

  async function verify(
    generated: Generated,
    scheme: IntendSignatureScheme,
    request: Signed,
  ): Promise<Reason> {
    const options = {
      secretFor: (key: string) => (key === generated.apiKey ? generated.secretKey : undefined),
      scheme,
      toleranceSeconds,
      now: () => generated.now,
    };
    try {
      await api.verifyIntendRequest(request, options);
      return 'verified';
    } catch (error) {
      if (isSignatureError(error)) return error.reason;
      throw error;
    }
  }

  it('sign then verify always succeeds, within the tolerance either way', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestArbitrary,
        fc.constantFrom(...bindingSchemes, ...keyTimestampSchemes),
        fc.integer({ min: -(toleranceSeconds - 1) * 1000, max: (toleranceSeconds - 1) * 1000 }),
        async (generated, scheme, skew) => {
          const signed = await sign(generated, scheme, generated.now + skew);
          expect(await verify(generated, scheme, signed)).toBe('verified');
        },
      ),
    );
  });

  /**
  Signs a generated request, changes one of `parts` and verifies it: the verifier must fail with the
  reason `mutate` gives, or, where `bound` is false, still accept the changed request.
  */
  function afterOneChange(schemes: IntendSignatureScheme[], parts: readonly Part[], bound: boolean) {
    return fc.asyncProperty(
      requestArbitrary,
      fc.constantFrom(...schemes),
      fc.constantFrom<Part>(...parts),
      changeArbitrary,
      async (generated, scheme, part, change) => {
        const signed = await sign(generated, scheme);
        const [changed, reason] = mutate(generated, signed, part, change, unitOf(scheme));
        const expected = bound ? reason : 'verified';
        expect({ part, reason: await verify(generated, scheme, changed) }).toEqual({
          part,
          reason: expected,
        });
      },
    );
  }

  it('any single change to method, path, query, body, timestamp, signature or key fails with the right reason', async () => {
    await fc.assert(afterOneChange(bindingSchemes, [...requestParts, ...headerParts], true));
  });

  it('key-timestamp binds the timestamp, signature and key', async () => {
    await fc.assert(afterOneChange(keyTimestampSchemes, headerParts, true));
  });

  it("key-timestamp does not bind the request itself: that is what 'canonical-request' is for", async () => {
    await fc.assert(afterOneChange(keyTimestampSchemes, requestParts, false));
  });
});
