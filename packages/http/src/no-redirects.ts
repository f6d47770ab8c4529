import { RedirectError } from '@bridgekit/errors';
import type { Fetch } from './fetch.js';
import { fetched } from './fetched.js';
import { requestContext } from './request-parts.js';

/** A 3xx that asks to go elsewhere (304 only says the cached copy is current), or a browser's opaque one. */
function isRedirect(response: Response): boolean {
  const { status } = response;
  return (
    response.type === 'opaqueredirect' ||
    response.redirected ||
    (status >= 300 && status < 400 && status !== 304)
  );
}

/**
Wraps `fetch` so that it never follows a redirect: every request goes out with `redirect: 'manual'`
and a 3xx answer becomes a `RedirectError` (not retried) with its body cancelled. A redirect could
hand a signature, a client secret or a token to another origin, or pass off that origin's answer
as the API's; oauth4webapi and the AWS SDK refuse them likewise. A `fetch` that follows redirects
whatever it is told is caught too (`response.redirected`), though by then it has sent the request.

@example
```
const api = ky.create({fetch: refuseRedirects(fetch)});
```
*/
export function refuseRedirects(fetch: Fetch): Fetch {
  // A `then` rather than an async function: every attempt waits here for its answer, and a
  // suspended async function keeps more alive per request in flight.
  return (input, init) => {
    // Already `manual` (ky's Request as the clients create it, or the init): no init to copy then.
    const redirect = init?.redirect ?? (input instanceof Request ? input.redirect : undefined);
    const sent = fetched(fetch, input, redirect === 'manual' ? init : { ...init, redirect: 'manual' });
    return sent.then((response) => {
      if (!isRedirect(response)) return response;
      void response.body?.cancel().catch(() => undefined);
      const { method, url } = requestContext(input, init);
      // A fetch that followed anyway: the request reached the target, named by the final URL.
      const followed = response.redirected && response.type !== 'opaqueredirect';
      const location = followed ? response.url : response.headers.get('location');
      throw new RedirectError({ status: response.status, method, url, location, followed });
    });
  };
}
