import type { CallOptions, InsecureRequestsOption, LogOptions, ResponseLimitOption } from '@bridgekit/http';
import type { Hooks, RetryOptions } from 'ky';
import type { IngoApi, IngoEnvironment } from './ingo-environment.js';
import type { Fetch } from './token-manager-options.js';
import type { TokenSource } from './token-source.js';

/** Options of `createIngoClient`. */
export interface IngoClientOptions extends InsecureRequestsOption, ResponseLimitOption, LogOptions {
  /**
  Where Bearer tokens come from: a `createTokenManager(...)`, or anything with `getToken` and `invalidate`.
  @example createTokenManager({environment: 'uat', clientId, clientSecret, scope: ingoScopes.identityScore})
  */
  readonly tokens: TokenSource;
  /**
  Use Ingo's documented URLs: each API has its own host (`insights-uat.ingo.money/identity/score`,
  `insights-uat.ingo.money/check-maker/score`, `dupex-uat.ingo.money/inquiry`, and the production
  ones without `-uat`). Give this or `baseUrl`, not both.
  @example 'uat'
  */
  readonly environment?: IngoEnvironment;
  /**
  One host for every API (the sandbox, or a proxy): requests go to `${baseUrl}/identity/score`,
  `${baseUrl}/check-maker/score` and `${baseUrl}/dupex/inquiry`. A path prefix is kept.
  @example 'http://127.0.0.1:4000'
  */
  readonly baseUrl?: string | URL;
  /**
  Per-API URLs that win over `environment` and `baseUrl`, e.g. the production duplicate exchange
  URL, which Ingo does not publish.
  @example {dupexInquiry: 'https://dupex.ingo.money/inquiry'}
  */
  readonly endpoints?: Partial<Readonly<Record<IngoApi, string | URL>>>;
  /**
  The API version, sent as the `apiVersion` header. Ingo's current and default version is 1.
  @default '1'
  @example '1'
  */
  readonly apiVersion?: string;
  /**
  The scope of the tokens every request carries.
  @default the token manager's scope
  @example ingoScopes.identityScore
  */
  readonly scope?: string;
  /**
  A scope per API, for least-privilege tokens (`scopes: ingoScopes` gives each API its documented
  scope); wins over `scope`.
  @example {identityScore: ingoScopes.identityScore, dupexInquiry: ingoScopes.dupexInquiry}
  */
  readonly scopes?: Partial<Readonly<Record<IngoApi, string>>>;
  /**
  The `fetch` to use for the API calls (the token manager has its own option).
  @default globalThis.fetch
  @example sandbox.fetch
  */
  readonly fetch?: Fetch;
  /**
  Milliseconds to wait for each attempt's response (waiting for a token included); at most 2^31 - 1.
  @default 30000
  @example 10000
  */
  readonly timeout?: number;
  /**
  Retries (ky's options), or a number of retries; `0` disables them. The Ingo APIs are read-only
  scoring inquiries, so their POSTs are retried: on network errors, timeouts, 408, 429, every 5xx
  but 501 and 505, and a body that broke off, with exponential backoff, full jitter and
  `Retry-After` honoured; a wait between attempts is at most `timeout` (unless `backoffLimit` or
  `maxRetryAfter` says otherwise). A 401 is not retried here: it invalidates the token and is sent once more with a fresh
  one, whatever this option says (unless it says `insufficient_scope`). A failed token request is
  never retried here either: the token manager has retried it already. A `shouldRetry` given here
  is asked about API failures only.
  @default {limit: 2, backoffLimit: timeout, maxRetryAfter: timeout}
  @example {limit: 4, backoffLimit: 2000}
  */
  readonly retry?: number | RetryOptions;
  /**
  Headers sent with every request.
  @example {'x-correlation-id': runId}
  */
  readonly headers?: Readonly<Record<string, string>>;
  /**
  ky hooks. They never see the `Authorization` header: the token is set in ky's `fetch`.
  @example {beforeRetry: [() => metrics.increment('ingo.retry')]}
  */
  readonly hooks?: Hooks;
  /**
  The `User-Agent` header.
  @default 'bridgekit-ingo-auth/<version>'
  @example 'acme-screening/2.3'
  */
  readonly userAgent?: string;
}

/** Per-call options of the API helpers: `timeout`, `retry`, `headers`, `signal`, each for this call only. */
export type IngoCallOptions = CallOptions;

/** Counters of an Ingo client, for the demo's summary and dashboards. `client.stats` returns a snapshot. */
export interface IngoClientStats {
  /** Helper calls (`identityScore`, ...). */
  readonly calls: number;
  /** Helper calls that threw. */
  readonly failures: number;
  /** HTTP requests sent to the APIs, every retry and 401 resend included. */
  readonly requests: number;
  /** Requests ky retried (network errors, timeouts, 408, 429, 5xx, broken bodies). */
  readonly retries: number;
  /** 401 answers after which the token was invalidated and the request sent again with a fresh one. */
  readonly authenticationRetries: number;
}
