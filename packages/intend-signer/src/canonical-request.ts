import { ConfigurationError } from '@bridgekit/errors';
import { canonicalQuery } from './canonical-query.js';
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
