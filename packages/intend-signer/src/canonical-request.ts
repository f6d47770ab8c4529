import { ConfigurationError } from '@bridgekit/errors';
import { parseRequestUrl } from './request-url.js';

/** The lowercase hex SHA-256 of zero bytes: the body hash of a request without a body. */
export const emptyBodySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What {@link canonicalRequest} reads. */
export interface CanonicalRequestInput {
  /** The HTTP method; the canonical form upper-cases it. */
  readonly method: string;
  /** The absolute URL the request is sent to, query included. */
  readonly url: string | URL;
  /** The `timestamp` header's value, exactly as sent. */
  readonly timestamp: string;
  /**
  The lowercase hex SHA-256 of the body's bytes.
  @default emptyBodySha256 (the hash of zero bytes)
  */
  readonly bodySha256?: string;
}

// encodeURIComponent leaves these five unescaped; RFC 3986 reserves them.
const reservedByRfc3986 = /[!'()*]/g;

/**
Percent-encodes `text` as RFC 3986 section 2 says: every byte of its UTF-8 form except the
unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`, with upper-case hex digits.

@example
```
encodeRfc3986("Zoë's (1+1)*"); //=> 'Zo%C3%AB%27s%20%281%2B1%29%2A'
```
*/
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    reservedByRfc3986,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
The query part of the canonical form: every parameter decoded (as a form: `+` is a space), then
re-encoded with {@link encodeRfc3986}, sorted by encoded name and then by encoded value (plain
code-unit order, which for these ASCII strings is byte order), and joined as `name=value` with
`&`. Repeated names are all kept; a name without `=` gets an empty value. Empty when there is no
query.

@example
```
canonicalQuery('https://acme.intend.com/api/clients?page=2&b=x y&a=2&a=1'); //=> 'a=1&a=2&b=x%20y&page=2'
```
*/
export function canonicalQuery(url: string | URL): string {
  const parsed = parseRequestUrl(url, 'url');
  const pairs: string[][] = [];
  for (const [name, value] of parsed.searchParams) pairs.push([encodeRfc3986(name), encodeRfc3986(value)]);
  pairs.sort(([nameA = '', valueA = ''], [nameB = '', valueB = '']) =>
    nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

const sha256Hex = /^[0-9a-f]{64}$/;

/**
The string that the `'canonical-request'` scheme signs: five lines joined by `\n` (no trailing
newline):

1. the method, upper-cased (`GET`);
2. the path exactly as sent, percent-encoding untouched, `/` when empty (`/api/clients`);
3. {@link canonicalQuery} (empty line when there is no query);
4. the timestamp header's value (`1732370000`);
5. the lowercase hex SHA-256 of the body's bytes ({@link emptyBodySha256} when there is none).

@example
```
canonicalRequest({method: 'get', url: 'https://acme.intend.com/api/clients?page=2', timestamp: '1732370000'});
//=> 'GET\n/api/clients\npage=2\n1732370000\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
```
*/
export function canonicalRequest(input: CanonicalRequestInput): string {
  const url = parseRequestUrl(input.url, 'url');
  const bodySha256 = input.bodySha256 ?? emptyBodySha256;
  if (!sha256Hex.test(bodySha256)) {
    throw new ConfigurationError({
      option: 'bodySha256',
      expected: 'the lowercase hex SHA-256 of the body (64 characters 0-9a-f)',
      received: bodySha256,
    });
  }
  return [
    input.method.toUpperCase(),
    url.pathname || '/',
    canonicalQuery(url),
    input.timestamp,
    bodySha256,
  ].join('\n');
}
