import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, SecretScrubber, ServerError } from './index.js';

const secret = 'SUPERSECRET-key+/=';
const renderings = (error: Error) => [
  error.message,
  String(error.stack),
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
];

describe('SecretScrubber', () => {
  it('blanks a known secret echoed in free text, where no pattern names it', () => {
    const error = new ServerError({
      status: 500,
      method: 'GET',
      url: 'https://x.test/',
      serverMessage: `bad signature for secret ${secret}`,
      details: { msg: `bad signature for secret ${secret}`, nested: [{ note: encodeURIComponent(secret) }] },
      cause: new Error(`upstream said ${btoa(secret)}`),
    });
    new SecretScrubber().add(secret).scrubError(error);
    for (const text of renderings(error)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
      expect(text).not.toContain(btoa(secret));
    }
    expect(error.message).toContain('bad signature for secret [REDACTED]');
  });

  it('blanks Basic credentials built from id and secret, raw and form-encoded', () => {
    const scrubber = new SecretScrubber().addPair('client id', secret);
    const form = (text: string) => new URLSearchParams([['', text]]).toString().slice(1);
    const header = `Basic ${btoa(`${form('client id')}:${form(secret)}`)}`;
    expect(scrubber.scrub(`sent ${header}`)).not.toContain(header.slice(6));
    expect(scrubber.scrub(`client_secret=${form(secret)}`)).toBe('client_secret=[REDACTED]');
  });

  it('keeps its values to itself and ignores values too short to be credentials', () => {
    const scrubber = new SecretScrubber().add(secret).add('abc');
    for (const text of [JSON.stringify({ scrubber }), String(scrubber), inspect(scrubber, { depth: 5 })]) {
      expect(text).not.toContain(secret);
    }
    expect(scrubber.scrub('abc def')).toBe('abc def');
  });

  it('forgets the oldest values past its limit', () => {
    const scrubber = new SecretScrubber(2);
    scrubber.add('first-token-1');
    for (let index = 0; index < 2; index += 1) scrubber.add(`later-token-${index}`);
    expect(scrubber.scrub('first-token-1')).toBe('first-token-1');
    expect(scrubber.scrub('later-token-1')).toBe('[REDACTED]');
  });

  it('leaves frozen values and read-only fields alone without throwing', () => {
    const error = new HttpError({
      status: 400,
      method: 'GET',
      url: 'https://x.test/',
      details: Object.freeze({ a: secret }),
    });
    expect(() => new SecretScrubber().add(secret).scrubError(error)).not.toThrow();
    expect(() => new SecretScrubber().add(secret).scrubError(new NetworkError(`x ${secret}`))).not.toThrow();
  });
});

describe('SecretScrubber, the cases a review found', () => {
  it('scrubs a stack that was read before scrubbing (V8 keeps it in an accessor)', () => {
    const error = new NetworkError(`failed for ${secret}`);
    void error.stack;
    new SecretScrubber().add(secret).scrubError(error);
    expect(String(error.stack)).not.toContain(secret);
    expect(inspect(error)).not.toContain(secret);
  });

  it('keeps a pair for good and forgets the oldest tokens, not the longest values', () => {
    const clientSecret = 'x'.repeat(48);
    const scrubber = new SecretScrubber(8).addPair('client-id', clientSecret);
    const tokens = Array.from({ length: 40 }, (_, index) => `token-${String(index).padStart(34, '0')}`);
    for (const token of tokens) scrubber.add(token);
    expect(scrubber.scrub(clientSecret)).toBe('[REDACTED]');
    expect(scrubber.scrub(btoa(`client-id:${clientSecret}`))).toBe('[REDACTED]');
    expect(scrubber.scrub(tokens[39] ?? '')).toBe('[REDACTED]');
    expect(scrubber.scrub(tokens[0] ?? '')).toBe(tokens[0]);
    scrubber.add(tokens[0]);
    expect(scrubber.scrub(tokens[0] ?? '')).toBe('[REDACTED]');
  });

  it('takes a Secret from another installed copy by its reveal()', () => {
    const foreign = { reveal: () => secret };
    expect(new SecretScrubber().add(foreign).scrub(`k=${secret}`)).toBe('k=[REDACTED]');
  });

  it('scrubs a thrown string and survives a cycle in the cause chain', () => {
    const scrubber = new SecretScrubber().add(secret);
    expect(scrubber.scrubError(`x ${secret}`)).toBe('x [REDACTED]');
    const error = new Error(`a ${secret}`) as Error & { cause?: unknown };
    error.cause = error;
    expect(scrubber.scrubError(error).message).toBe('a [REDACTED]');
  });
});

describe('SecretScrubber and strings that are not well-formed', () => {
  it('takes a value with a lone surrogate without throwing', () => {
    const odd = 'abc\ud800def-secret';
    const scrubber = new SecretScrubber().add(odd).addPair('\ud800-id', odd);
    expect(scrubber.scrub(`x ${odd}`)).toBe('x [REDACTED]');
  });
});
