import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicCredentials, formEncode } from './index.js';

/** What IdentityServer does with a Basic header: base64, split at the first colon, form-decode each half. */
function decodeLikeIdentityServer(header: string): [string, string] {
  const decoded = new TextDecoder().decode(
    Uint8Array.from(atob(header.replace(/^Basic /, '')), (char) => char.charCodeAt(0)),
  );
  const colon = decoded.indexOf(':');
  const formDecode = (value: string) => decodeURIComponent(value.replaceAll('+', ' '));
  return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
}

describe('RFC 6749 section 2.3.1 client credentials', () => {
  it('form-encodes before joining and Base64-encoding', () => {
    expect(formEncode('p@ss word+1')).toBe('p%40ss+word%2B1');
    expect(formEncode('a:b%c#d!e')).toBe('a%3Ab%25c%23d%21e');
    expect(formEncode('wörd✓')).toBe('w%C3%B6rd%E2%9C%93');
    expect(basicCredentials('client', 'secret')).toBe('Basic Y2xpZW50OnNlY3JldA==');
    expect(basicCredentials('id:1', 'a b')).toBe(`Basic ${btoa('id%3A1:a+b')}`);
  });

  it('round-trips any id and secret through IdentityServer decoding', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }),
        fc.string({ unit: 'grapheme', minLength: 1 }),
        (id, secret) => {
          const header = basicCredentials(id, secret);
          expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
          expect(decodeLikeIdentityServer(header)).toEqual([id, secret]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
