import { isConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalRequest, emptyBodySha256, encodeRfc3986 } from './index.js';

describe('encodeRfc3986', () => {
  it('leaves only the unreserved characters and uses upper-case hex', () => {
    expect(encodeRfc3986('AZaz09-._~')).toBe('AZaz09-._~');
    expect(encodeRfc3986("!'()*")).toBe('%21%27%28%29%2A');
    expect(encodeRfc3986(' +/?&=#%')).toBe('%20%2B%2F%3F%26%3D%23%25');
    expect(encodeRfc3986('Zoë 🚀')).toBe('Zo%C3%AB%20%F0%9F%9A%80');
    // A lone surrogate has no UTF-8 form: it is written as U+FFFD, as TextEncoder does, not a URIError.
    expect(encodeRfc3986('a\uD800')).toBe('a%EF%BF%BD');
  });
});

describe('canonicalQuery', () => {
  it('is empty without a query', () => {
    expect(canonicalQuery('https://acme.intend.com/api/clients')).toBe('');
    expect(canonicalQuery('https://acme.intend.com/api/clients?')).toBe('');
  });

  it('decodes as a form, re-encodes per RFC 3986 and sorts by name then value', () => {
    expect(canonicalQuery('https://a.test/?b=x+y&a=2&a=10&a=1&A=%7e')).toBe('A=~&a=1&a=10&a=2&b=x%20y');
  });

  it('keeps a bare name (`f`) apart from an empty value (`f=`) and skips empty segments', () => {
    expect(canonicalQuery('https://a.test/?flag&&empty=&x=1')).toBe('empty=&flag&x=1');
    expect(canonicalQuery('https://a.test/?f')).toBe('f');
    expect(canonicalQuery('https://a.test/?f=')).toBe('f=');
    // Same name: the bare one first, then by value.
    expect(canonicalQuery('https://a.test/?f=1&f=&f&e')).toBe('e&f&f=&f=1');
    expect(canonicalQuery('https://a.test/?=&=x')).toBe('=&=x');
  });

  it('decodes percent-escapes to bytes, so invalid UTF-8 stays what was sent', () => {
    expect(canonicalQuery('https://a.test/?f=%FF')).toBe('f=%FF');
    expect(canonicalQuery('https://a.test/?f=%EF%BF%BD')).toBe('f=%EF%BF%BD');
    expect(canonicalQuery('https://a.test/?%C3%28=%80%FE%fe')).toBe('%C3%28=%80%FE%FE');
    expect(canonicalQuery('https://a.test/?f=%FF')).not.toBe(canonicalQuery('https://a.test/?f=%EF%BF%BD'));
  });

  it('keeps a `%` that starts no escape, treats `+` as a space and `%2B` as a plus', () => {
    expect(canonicalQuery('https://a.test/?q=%zz%4&r=100%')).toBe('q=%25zz%254&r=100%25');
    expect(canonicalQuery('https://a.test/?q=a+b%2Bc')).toBe('q=a%20b%2Bc');
  });

  it('encodes a character the URL parser left as it is, and non-ASCII as its UTF-8 bytes', () => {
    expect(canonicalQuery("https://a.test/?x=|^`{}'!")).toBe('x=%7C%5E%60%7B%7D%27%21');
    expect(canonicalQuery('https://a.test/?name=Jürgen')).toBe('name=J%C3%BCrgen');
  });

  it('does not depend on how the same value was percent-encoded', () => {
    expect(canonicalQuery('https://a.test/?q=%41%2a')).toBe(canonicalQuery('https://a.test/?q=A*'));
  });

  it('ignores the fragment', () => {
    expect(canonicalQuery('https://a.test/?x=1#y=2')).toBe('x=1');
  });
});

describe('canonicalRequest', () => {
  it('joins method, path, query, timestamp and body hash with newlines', () => {
    expect(
      canonicalRequest({
        method: 'get',
        url: 'https://acme.intend.com/api/clients?page=2',
        timestamp: '1732370000',
      }),
    ).toBe(`GET\n/api/clients\npage=2\n1732370000\n${emptyBodySha256}`);
  });

  it('uses `/` for a URL without a path and keeps the path as sent', () => {
    expect(canonicalRequest({ method: 'GET', url: new URL('https://acme.intend.com'), timestamp: '1' })).toBe(
      `GET\n/\n\n1\n${emptyBodySha256}`,
    );
    expect(
      canonicalRequest({ method: 'GET', url: 'https://a.test/a%2Fb/J%C3%BCrgen', timestamp: '1' }),
    ).toContain('\n/a%2Fb/J%C3%BCrgen\n');
  });

  it('rejects a relative URL and a body hash that is not 64 lowercase hex digits', () => {
    const relative = (() =>
      canonicalRequest({ method: 'GET', url: '/api/clients', timestamp: '1' })) as () => never;
    expect(relative).toThrow(/Invalid option `url`: expected an absolute URL/);
    try {
      canonicalRequest({ method: 'GET', url: 'https://a.test/', timestamp: '1', bodySha256: '{"a":1}' });
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error) && error.option).toBe('bodySha256');
    }
  });
});
