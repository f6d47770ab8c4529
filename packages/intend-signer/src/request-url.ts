import { ConfigurationError } from '@bridgekit/errors';

const expected = "an absolute URL with http: or https: such as 'https://acme.intend.com/api/clients?page=2'";

/**
@internal
Parses the URL a request goes to, or says which option is wrong. Every scheme checks it, also
those that do not sign the URL, so that a mistake shows when signing rather than at the server.
*/
export function parseRequestUrl(url: unknown, option: string): URL {
  // One parse on the hot path (URL.parse would say it without a throw, but Node 22.0 lacks it).
  let parsed: URL | null = url instanceof URL ? url : null;
  if (parsed === null && typeof url === 'string') {
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
  }
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
