import { ConfigurationError } from '@bridgekit/errors';

const expected = "an absolute URL with http: or https: such as 'https://acme.intend.com/api/clients?page=2'";

/**
@internal
Parses the URL a request goes to, or says which option is wrong. Every scheme checks it, also
those that do not sign the URL, so that a mistake shows when signing rather than at the server.
*/
export function parseRequestUrl(url: unknown, option: string): URL {
  // URL.canParse rather than URL.parse, which Node 22.0 lacks.
  const parsed =
    url instanceof URL ? url : typeof url === 'string' && URL.canParse(url) ? new URL(url) : null;
  if (parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) return parsed;
  throw new ConfigurationError({
    option,
    expected,
    received: url,
    hint:
      typeof url === 'string' && url.startsWith('/')
        ? "A path needs the tenant's base URL: new URL(path, 'https://acme.intend.com')."
        : undefined,
  });
}
