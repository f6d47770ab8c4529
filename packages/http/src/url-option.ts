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
  /**
  The client's `allowInsecureRequests` option, as the user gave it: `true` lets a plain `http:` URL
  reach a host that is not loopback.
  @default false
  @example options.allowInsecureRequests
  */
  readonly allowInsecure?: unknown;
}

/**
`localhost`, `127.0.0.0/8` and `::1`: hosts that never leave the machine. Not `*.localhost`: Node
resolves those through DNS, which may answer with any address.
*/
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function checkPlaintext(url: URL, option: string, allowInsecure: unknown): void {
  if (allowInsecure !== undefined && typeof allowInsecure !== 'boolean') {
    throw new ConfigurationError({
      option: 'allowInsecureRequests',
      expected: 'true or false',
      received: allowInsecure,
    });
  }
  if (url.protocol !== 'http:' || allowInsecure === true || isLoopback(url.hostname)) return;
  throw new ConfigurationError({
    option,
    expected: 'an https: URL (plain http: only to this machine: localhost, 127.0.0.0/8, ::1)',
    hint: `http: to ${url.host} would send credentials in plaintext. Use https:, or, for a test network you control, pass \`allowInsecureRequests: true\`.`,
  });
}

/**
Checks a URL option: an absolute `http:` or `https:` URL without user info, and `http:` only to a
loopback host unless `allowInsecure` is `true` (oauth4webapi's rule: credentials never travel in
plaintext off the machine). The error never repeats the value (a URL may carry a password) and
keeps no parser error as `cause` (Node puts the raw input on it).

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
  checkPlaintext(url, option, description.allowInsecure);
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
