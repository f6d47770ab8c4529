import { ConfigurationError } from '@bridgekit/errors';
import { refuseRedirects } from './no-redirects.js';

/** The `fetch` signature bridgekit accepts: the platform's, a test server's, or an instrumented one. */
export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
The `fetch` option checked: the one given, or the global `fetch` looked up per call, so that
instrumentation which patches the global later still sees every request. Either way it follows no
redirect (see {@link refuseRedirects}): every client sends credentials.

@example
```
const fetch = resolveFetch(options.fetch);
```
*/
export function resolveFetch(value: unknown, option = 'fetch'): Fetch {
  if (value !== undefined) {
    if (typeof value !== 'function')
      throw new ConfigurationError({ option, expected: 'a function', received: value });
    const given = value as Fetch;
    // A fetch of one's own may forward ky's Request alone: the attempt's signal (see sendCall)
    // then goes on the Request too, so that close() still stops the request.
    return refuseRedirects((input, init) =>
      init?.signal && input instanceof Request && input.signal !== init.signal
        ? given(new Request(input, { signal: init.signal }), init)
        : given(input, init),
    );
  }
  if (typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError({ option, expected: 'a fetch function (this runtime has no global fetch)' });
  }
  return refuseRedirects((input, init) => globalThis.fetch(input, init));
}
