import { ConfigurationError } from '@bridgekit/errors';

/** The `fetch` signature bridgekit accepts: the platform's, a test server's, or an instrumented one. */
export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
The `fetch` option checked: the one given, or the global `fetch` looked up per call, so that
instrumentation which patches the global later still sees every request.

@example
```
const fetch = resolveFetch(options.fetch);
```
*/
export function resolveFetch(value: unknown, option = 'fetch'): Fetch {
  if (value !== undefined) {
    if (typeof value !== 'function')
      throw new ConfigurationError({ option, expected: 'a function', received: value });
    return value as Fetch;
  }
  if (typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError({ option, expected: 'a fetch function (this runtime has no global fetch)' });
  }
  return (input, init) => globalThis.fetch(input, init);
}
