/// <reference lib="esnext.disposable" preserve="true" />
import { ConfigurationError, type Secret } from '@bridgekit/errors';
import type { AccessToken } from './access-token.js';
import type { GetTokenOptions, TokenManagerStats } from './token-manager-options.js';

/** What the Ingo client needs from a token provider; a `TokenManager` is one. */
export interface TokenSource {
  /** A valid access token, fetched or cached by the source. */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /** Drops the cached token if it is still this one; returns whether it did. */
  invalidate(accessToken: string | Secret | AccessToken): boolean;
}

/** What `createTokenManager` returns. */
export interface TokenManager extends TokenSource {
  /**
  A valid token: from the cache at once while it is fresh; the cached one at once (plus one
  background refresh) once it is due for a refresh; otherwise after one shared token request,
  however many callers wait.
  */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /** `'Bearer <token>'`, for an `Authorization` header. */
  getAuthorizationHeader(options?: GetTokenOptions): Promise<string>;
  /**
  Compare-and-swap: drops the cached token only if it is still `accessToken` (call it with the
  token a 401 answered), so any number of concurrent 401s cause one refresh. Returns whether a
  token was dropped. When the store has `delete`, the token is removed from it too (only while it
  still holds that token), so that managers sharing the store do not pick it up; they adopt the
  token fetched next from the store within `storeCheckInterval`, without a 401 of their own.
  */
  invalidate(accessToken: string | Secret | AccessToken): boolean;
  /**
  Stops the manager: token requests in flight and background refreshes are aborted (their callers'
  `getToken()` rejects with an `AbortError` saying the manager was closed), held locks are
  released and pending store writes awaited; later calls reject the same way. Resolves when
  nothing of the manager's is left running. Calling it again returns the same promise.
  @example
  ```
  process.once('SIGTERM', () => void tokens.close());
  ```
  */
  close(): Promise<void>;
  /** `close()`, for `await using tokens = createTokenManager(...)`. */
  [Symbol.asyncDispose](): Promise<void>;
  /** A snapshot of the counters; see {@link TokenManagerStats}. */
  readonly stats: TokenManagerStats;
  /** The default scope. */
  readonly scope: string;
  /** The token endpoint in use. */
  readonly tokenUrl: string;
  readonly clientId: string;
}

/** @internal The token text of what `invalidate()` was given. */
export function tokenText(value: string | Secret | AccessToken): string {
  if (typeof value === 'string') return value;
  const source =
    typeof value === 'object' && value !== null && 'accessToken' in value ? value.accessToken : value;
  const revealed =
    typeof (source as Partial<Secret> | null)?.reveal === 'function'
      ? (source as Secret).reveal()
      : undefined;
  if (typeof revealed === 'string') return revealed;
  throw new ConfigurationError({
    option: 'accessToken',
    expected: 'the token to drop: a string, a Secret or an AccessToken from getToken()',
    received: value,
  });
}
