import type { BridgekitError, Secret } from '@bridgekit/errors';
import type { Fetch, InsecureRequestsOption, LogOptions } from '@bridgekit/http';
import type { RetryOptions } from 'ky';
import type { ClientAuthenticationMethod } from './client-authentication.js';
import type { IngoEnvironment } from './ingo-environment.js';
import type { TokenStore } from './token-store.js';

export type { Fetch } from '@bridgekit/http';

/**
How token requests are retried: ky's `RetryOptions` (`limit` is the number of retries after the
first attempt), plus `cooldown`. Network errors, timeouts, a body that broke off, 408, 429 and
every 5xx but 501 and 505 are retried, with exponential backoff and full jitter; RFC 6749 errors
(`invalid_client`, ...) and malformed responses are not. `methods` is always `['post']`.
*/
export interface TokenRetryOptions extends Omit<RetryOptions, 'methods'> {
  /**
  After a token request failed (every attempt), the next one waits until this many milliseconds
  have passed since the failure, doubling with each consecutive failure up to
  `max(cooldown, backoffLimit)`, so a failing auth server is not hammered. Callers that arrive
  later than that do not wait.
  @default 1000
  @example 0
  */
  readonly cooldown?: number;
}

/** Sent to `onTokenFetched` for every new token. */
export interface TokenFetchedEvent {
  /** The token's expiry, epoch milliseconds on the manager's clock. */
  readonly expiresAt: number;
  /** Wall-clock milliseconds the token request took, retries included. */
  readonly durationMs: number;
  /** The granted scope. */
  readonly scope: string;
  /** HTTP requests it took (1 when the first attempt succeeded). */
  readonly attempts: number;
  /** Whether callers kept using the previous token meanwhile (a refresh ahead of expiry). */
  readonly background: boolean;
  /** Server clock minus manager clock in milliseconds, from the `Date` header; undefined without one. */
  readonly clockSkew: number | undefined;
}

/** Options of `createTokenManager`. */
export interface TokenManagerOptions extends InsecureRequestsOption, LogOptions {
  /**
  Ingo's environment: `'uat'` uses `https://auth-uat.ingo.money/connect/token`, `'production'`
  uses `https://auth.ingo.money/connect/token`. Give this or `tokenUrl`, not both.
  @example 'uat'
  */
  readonly environment?: IngoEnvironment;
  /**
  The token endpoint, instead of `environment`: the sandbox, or a proxy. Must not carry credentials.
  @example 'http://127.0.0.1:4000/connect/token'
  */
  readonly tokenUrl?: string | URL;
  /**
  The client id Ingo client services issued.
  @example process.env.INGO_CLIENT_ID
  */
  readonly clientId: string;
  /**
  The client secret. Held as a `Secret`: it never appears in an error, a log or `inspect` output.
  @example process.env.INGO_CLIENT_SECRET
  */
  readonly clientSecret: string | Secret;
  /**
  The scope to request; several are space-separated. `getToken({scope})` may ask for another.
  @example 'https://apis.ingo.money/auth/insights/identity-score'
  */
  readonly scope: string;
  /**
  How the client authenticates: `'basic'` (an `Authorization: Basic` header, credentials
  form-encoded first as RFC 6749 section 2.3.1 requires) or `'body'` (`client_id` and
  `client_secret` in the form body).
  @default 'basic'
  @example 'body'
  */
  readonly authMethod?: ClientAuthenticationMethod;
  /**
  How long before expiry, in milliseconds, a token is refreshed in the background while callers
  keep using it.
  @default the smaller of 60000 and 10% of the token's lifetime
  @example 120000
  */
  readonly refreshAhead?: number;
  /**
  The largest random extra, in milliseconds, added to `refreshAhead` (drawn once per token) so
  that many instances do not refresh at the same moment. `refreshAhead` plus jitter never exceeds
  half the token's lifetime.
  @default the smaller of 10000 and half of `refreshAhead`
  @example 0
  */
  readonly refreshJitter?: number;
  /**
  Retries of a token request: ky's retry options plus `cooldown`, or a number of retries after
  the first attempt (`0` disables them). The default backoff waits a random share of 200 ms,
  400 ms, ... up to `backoffLimit`; a `Retry-After` is honoured up to `backoffLimit`.
  @default {limit: 2, backoffLimit: 5000, cooldown: 1000}
  @example {limit: 4, backoffLimit: 10000}
  */
  readonly retry?: number | TokenRetryOptions;
  /**
  Milliseconds to wait for each attempt's response, body included; at most 2^31 - 1.
  @default 30000
  @example 10000
  */
  readonly timeout?: number;
  /**
  The `fetch` to use: inject the sandbox's, a test double, or an instrumented one.
  @default globalThis.fetch
  @example sandbox.fetch
  */
  readonly fetch?: Fetch;
  /**
  The clock, in epoch milliseconds: what `expiresAt` and the refresh point are measured on.
  Inject one in tests to expire tokens without waiting.
  @default Date.now
  @example () => clock.now()
  */
  readonly now?: () => number;
  /**
  The random source for jitter, returning numbers in [0, 1).
  @default Math.random
  @example () => 0.5
  */
  readonly random?: () => number;
  /**
  Where tokens are cached. Pass a shared store (Redis) so several processes reuse one token.
  @default createMemoryTokenStore({now}) (one per manager)
  @example redisTokenStore
  */
  readonly store?: TokenStore;
  /**
  Milliseconds the store may take, in all, before a token request goes ahead without it: the
  `get` and `lock` of one `getToken()` share one `storeTimeout`, and each poll of another holder
  may take what is left (`set` and `release`, which happen after the callers have their token, get
  one each). A call that takes longer counts as a miss, as no lock (the token is fetched without
  one) or as a write that did not happen, so a store that hangs (a Redis client queueing commands
  while disconnected) delays a token request by one of these at most instead of forever.
  @default the smaller of 1000 and `timeout`
  @example 250
  */
  readonly storeTimeout?: number;
  /**
  With a store of your own that has `delete` (shared by several managers or processes): how often,
  in milliseconds, the manager looks in the store in the background for a token newer than its
  own, so that another process's `invalidate()` (and the token it fetched next) or refresh reaches
  this one without a 401. Never on the hot path: a `getToken()` that finds the check due starts it
  and returns at once. `0` turns it off.
  @default 1000
  @example 5000
  */
  readonly storeCheckInterval?: number;
  /**
  Called when the store fails or times out (Redis down or slow), once per outage: again only after
  the store has answered since. Tokens keep coming meanwhile (fetched without the store). Errors
  it throws are ignored.
  @example (error) => logger.warn({error}, 'token store unavailable')
  */
  readonly onStoreError?: (error: BridgekitError) => void;
  /**
  The `User-Agent` header of token requests.
  @default 'bridgekit-ingo-auth/<version>'
  @example 'acme-screening/2.3'
  */
  readonly userAgent?: string;
  /**
  Called with every new token's expiry and timing: for metrics. Errors it throws are ignored.
  @example ({expiresAt, durationMs}) => metrics.histogram('ingo.token.ms', durationMs)
  */
  readonly onTokenFetched?: (event: TokenFetchedEvent) => void;
  /**
  Called when a token request fails after every attempt (also for a background refresh, whose
  failure no caller sees). Errors it throws are ignored.
  @example (error) => logger.warn({error}, 'Ingo token request failed')
  */
  readonly onTokenError?: (error: BridgekitError) => void;
}

/** Per-call options of `getToken()` and `getAuthorizationHeader()`. */
export interface GetTokenOptions {
  /**
  Stops waiting: this caller's promise rejects with `AbortError`. The shared token request goes
  on for the other callers.
  @example AbortSignal.timeout(5000)
  */
  readonly signal?: AbortSignal;
  /**
  Fetch a new token even if the cached one is still valid (joins a request already in flight).
  @default false
  @example true
  */
  readonly forceRefresh?: boolean;
  /**
  Another scope than the manager's; tokens and requests are kept apart per scope.
  @default the manager's `scope`
  @example ingoScopes.dupexInquiry
  */
  readonly scope?: string;
}

/**
Counters for dashboards, tests and the demo's summary. `tokens.stats` returns a fresh snapshot.
*/
export interface TokenManagerStats {
  /** `getToken()` calls (`getAuthorizationHeader()` included). */
  readonly calls: number;
  /** Calls answered at once from the cache, including during a refresh ahead of expiry. */
  readonly cacheHits: number;
  /** Calls that had to wait for a token request: no token yet, expired, invalidated or forced. */
  readonly waits: number;
  /** Of `waits`, those where a token had been obtained before: a refresh that did not happen ahead of time. */
  readonly waitsOnRefresh: number;
  /** HTTP requests sent to the token endpoint, retries included. */
  readonly tokenRequests: number;
  /** Of `tokenRequests`, the retries. */
  readonly retries: number;
  /** Tokens obtained from the token endpoint. */
  readonly tokensFetched: number;
  /** Token requests started ahead of expiry while callers kept using the cached token. */
  readonly backgroundRefreshes: number;
  /** Tokens taken from the store that another manager (or process) had fetched. */
  readonly storeHits: number;
  /** Token requests that failed after every attempt. */
  readonly failures: number;
  /** `invalidate()` calls that dropped a cached token. */
  readonly invalidations: number;
}
