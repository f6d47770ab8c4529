import type { TokenSource } from './token-manager.js';
import type { Fetch } from './token-manager-options.js';

/** @internal Counters the authenticated fetch reports to. */
export interface AuthenticationCounters {
  requests: number;
  authenticationRetries: number;
}

/**
A request to send, rebuilt from buffered parts: the body is read once (API bodies are small JSON),
so sending it twice needs no stream tee, and the copy alone carries the token.
*/
function withBearer(request: Request, body: ArrayBuffer | undefined, accessToken: string): Request {
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${accessToken}`);
  return new Request(request.url, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: request.signal,
    redirect: request.redirect,
    keepalive: request.keepalive,
  });
}

/**
@internal Wraps `fetch` so that each attempt carries a Bearer token for `scope`, taken when the
attempt starts (a retry after a backoff gets a fresh one). On a 401 it invalidates exactly that
token (compare-and-swap, so concurrent 401s cause one refresh) and sends the request once more.

The token is set on a copy of the request: the request ky keeps, and so every hook and every
error, never holds the `Authorization` header.
*/
export function authenticatedFetch(
  tokens: TokenSource,
  scope: string | undefined,
  fetch: Fetch,
  counters: AuthenticationCounters,
): Fetch {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const scoped = scope === undefined ? {} : { scope };
    const token = await tokens.getToken({ signal: request.signal, ...scoped });
    counters.requests += 1;
    const response = await fetch(withBearer(request, body, token.accessToken.reveal()));
    if (response.status !== 401) return response;
    void response.body?.cancel().catch(() => undefined);
    tokens.invalidate(token.accessToken);
    const fresh = await tokens.getToken({ signal: request.signal, ...scoped });
    counters.requests += 1;
    counters.authenticationRetries += 1;
    return fetch(withBearer(request, body, fresh.accessToken.reveal()));
  };
}
