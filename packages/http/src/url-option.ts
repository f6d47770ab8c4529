import { ConfigurationError } from '@bridgekit/errors';

/** How a URL option is named and described in its `ConfigurationError`. */
export interface UrlOptionDescription {
  /** The option's name as the user wrote it. @example 'baseUrl' */
  readonly option: string;
  /**
  What is accepted, for the message.
  @default 'an absolute http(s) URL'
  @example "your tenant's absolute http(s) URL, such as 'https://acme.intend.com'"
  */
  readonly expected?: string;
}

/**
Checks a URL option: an absolute `http:` or `https:` URL without user info. The error never
repeats the value (a URL may carry a password) and keeps no parser error as `cause` (Node puts
the raw input on it).

@example
```
const tokenUrl = parseHttpUrl(options.tokenUrl, {option: 'tokenUrl'});
```
*/
export function parseHttpUrl(value: unknown, description: UrlOptionDescription): URL {
  const { option, expected = 'an absolute http(s) URL' } = description;
  let url: URL | undefined;
  if (typeof value === 'string' || value instanceof URL) {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigurationError({ option, expected, received: value });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError({
      option,
      expected: 'a URL without user info (`user:password@`)',
      hint: 'Credentials never belong in a URL: pass them as the client options made for them.',
    });
  }
  return url;
}

/**
Checks a base URL option like {@link parseHttpUrl} and prepares it for relative paths: a trailing
slash is added, so that `api/clients` extends a path prefix (a proxy's, a tenant's) instead of
replacing it, and any query or fragment is dropped.

@example
```
resolveBaseUrl('https://proxy.test/intend', {option: 'baseUrl'}).href; //=> 'https://proxy.test/intend/'
```
*/
export function resolveBaseUrl(value: unknown, description: UrlOptionDescription): URL {
  const url = parseHttpUrl(value, description);
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}
