import { ConfigurationError } from '@bridgekit/errors';
import type { QueryParameters } from './assertions.js';

/** How many resolved paths are kept: resource paths are few, but `request()` takes any path. */
const cachedPaths = 64;

/**
@internal Builds request URLs below the base URL: each path is resolved once (a relative path
extends the base's path prefix), and the query is appended as text, so the hot path parses no URL.
*/
export function createUrlBuilder(baseUrl: URL): (path: string, query: QueryParameters | undefined) => string {
  const resolved = new Map<string, string>();
  return (path, query) => {
    let base = resolved.get(path);
    if (base === undefined) {
      if (resolved.size >= cachedPaths) resolved.clear();
      base = new URL(path.replace(/^\/+/, ''), baseUrl).href;
      // A path must stay below baseUrl: an absolute URL, `\\host` or `..` would take the signature
      // headers to another origin, over another scheme, or out of a proxy's tenant prefix.
      if (!base.startsWith(baseUrl.href)) {
        throw new ConfigurationError({
          option: 'path',
          expected: 'a path below `baseUrl`, such as /api/clients (no scheme, host or `..` that leaves it)',
        });
      }
      resolved.set(path, base);
    }
    const parameters = new URLSearchParams();
    for (const name in query) {
      const value = query[name];
      if (value !== undefined) parameters.append(name, String(value));
    }
    const search = parameters.toString();
    if (search === '') return base;
    return `${base}${base.includes('?') ? '&' : '?'}${search}`;
  };
}
