import type { BeforeRetryHook } from 'ky';
import { isInsufficientScope } from './bearer-challenge.js';
import type { Fetch } from './fetch.js';
import { requestParts, withHeader } from './request-parts.js';

/** A Bearer token, as {@link bearerFetch} sends it: its text stays hidden until it is revealed. */
export interface BearerToken {
  /** The token, hidden (a `Secret` of `@bridgekit/errors` fits). */
  readonly accessToken: {
    /** The token's text, for the `Authorization` header only. */
    reveal(): string;
  };
}

/** Where {@link bearerFetch} takes its tokens: an OAuth2 client-credentials token manager fits. */
export interface BearerTokenSource<Token extends BearerToken> {
  /** A token for `scope` (the source's own when undefined), given up at `signal`. */
  getToken(options: { readonly scope?: string; readonly signal?: AbortSignal }): Promise<Token>;
  /** Drops `accessToken`, which the server refused, so that the next `getToken` fetches another. */
  invalidate(accessToken: Token['accessToken']): unknown;
}

/** What {@link bearerFetch} reports, to whoever keeps the counters. */
export interface BearerEvents<Token extends BearerToken> {
  /** A request is sent to the API. */
  request(): void;
  /** A 401 invalidated the token and the request is sent once more. */
  authenticationRetry(): void;
  /** A token is about to be sent: the client scrubs it from the errors it throws. */
  tokenUsed(token: Token): void;
}

/** Errors the token source threw; see {@link isTokenFailure}. */
const tokenFailures = new WeakSet<object>();

/**
Whether `error` came from the token source rather than from the API. The token manager
retries its own requests, and its `NetworkError` and `TimeoutError` share their names with ky's,
which ky recognises by name: without this, ky would retry them too and multiply the token
requests (3 attempts × (1 + ky's retries)).
*/
export function isTokenFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && tokenFailures.has(error);
}

/**
A ky `beforeRetry` hook for an instance whose fetch is a {@link bearerFetch}: a second guard, for a
`shouldRetry` replaced through `ky.extend()`, so that a token failure stops there instead of
starting another round of token requests.

@example
```
const api = ky.create({fetch: bearerFetch(tokens, scope, fetch, events), hooks: {beforeRetry: [keepTokenFailures]}});
```
*/
export const keepTokenFailures: BeforeRetryHook = ({ error }) => {
  if (isTokenFailure(error)) throw error;
};

/**
Wraps `fetch` so that each attempt carries a Bearer token for `scope`, taken when the
attempt starts (a retry after a backoff gets a fresh one). On a 401 it invalidates exactly that
token (compare-and-swap, so concurrent 401s cause one refresh) and sends the request once more,
unless the challenge says `insufficient_scope`. A 403 (what RFC 6750 prescribes for a missing
scope) is returned as it is: a new token would not change it.

The token is set on a copy of the request: the request ky keeps, and so every hook and every
error, never holds the `Authorization` header.

@example
```
const fetch = bearerFetch(tokens, 'scores', globalThis.fetch, {request() {}, authenticationRetry() {}, tokenUsed() {}});
```
*/
export function bearerFetch<Token extends BearerToken>(
  tokens: BearerTokenSource<Token>,
  scope: string | undefined,
  fetch: Fetch,
  events: BearerEvents<Token>,
): Fetch {
  const scopeOnly: { readonly scope?: string } = scope === undefined ? {} : { scope };
  return async (input, init) => {
    const parts = requestParts(input, init);
    const { url, init: sent } = parts instanceof Promise ? await parts : parts;
    const options = sent.signal ? { ...scopeOnly, signal: sent.signal } : scopeOnly;
    // One loop rather than helpers: a call that succeeds (nearly all) awaits only the token and the response.
    for (let retried = false; ; retried = true) {
      let token: Token;
      try {
        token = await tokens.getToken(options);
      } catch (error) {
        if (typeof error === 'object' && error !== null) tokenFailures.add(error);
        throw error;
      }
      if (retried) events.authenticationRetry();
      events.tokenUsed(token);
      events.request();
      // A copy with the token: the request ky keeps, and so every hook and error, never holds it.
      const response = await fetch(
        url,
        withHeader(sent, 'authorization', `Bearer ${token.accessToken.reveal()}`),
      );
      if (retried || response.status !== 401 || isInsufficientScope(response)) return response;
      void response.body?.cancel().catch(() => undefined);
      tokens.invalidate(token.accessToken);
    }
  };
}
