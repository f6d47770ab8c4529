import type { Secret } from '@bridgekit/errors';
import type { Fetch, InsecureRequestsOption, LogOptions, ResponseLimitOption } from '@bridgekit/http';
import type { IntendSignatureScheme, IntendSigner } from '@bridgekit/intend-signer';
import type { Hooks, RetryOptions } from 'ky';

/** Resource paths, relative to `baseUrl`. Defaults come from the vendor's v3 guides. */
export interface IntendPaths {
  /** @default '/api/clients' */
  readonly clients: string;
  /** @default '/api/clients/create' */
  readonly createClient: string;
  /** @default '/api/inventory/products' */
  readonly products: string;
  /** @default '/api/inventory/categories' */
  readonly categories: string;
  /** @default '/api/transactions/sale' */
  readonly sale: string;
  /** @default '/api/transactions/sale/create' */
  readonly createSale: string;
}

/** Options of `createIntendClient`. */
export interface IntendClientOptions extends InsecureRequestsOption, ResponseLimitOption, LogOptions {
  /**
  Your tenant's base URL, without `/api`. A path prefix (a proxy's) is kept; user info is refused.
  @example 'https://acme.intend.com'
  */
  readonly baseUrl: string | URL;
  /**
  The API key (header `api-key`). Required unless `signer` is given.
  @example process.env.INTEND_API_KEY
  */
  readonly apiKey?: string;
  /**
  The secret key that signs requests. Keep it server-side. Required unless `signer` is given.
  @example new Secret(process.env.INTEND_SECRET_KEY)
  */
  readonly secretKey?: string | Secret;
  /**
  The signature scheme, when not the default. See `@bridgekit/intend-signer`.
  @default 'key-timestamp'
  @example 'canonical-request'
  */
  readonly scheme?: IntendSignatureScheme;
  /**
  A ready signer, instead of `apiKey`, `secretKey` and `scheme`.
  @example createIntendSigner({apiKey, secretKey, scheme: 'canonical-request'})
  */
  readonly signer?: IntendSigner;
  /**
  The `fetch` to use: inject one for tests, proxies or instrumentation.
  @default globalThis.fetch (looked up per request)
  @example sandbox.fetch
  */
  readonly fetch?: Fetch;
  /**
  Milliseconds to wait for each attempt's response, at most 2^31 - 1.
  @default 30000
  @example 10000
  */
  readonly timeout?: number;
  /**
  Retries (ky's options), or a number of retries after the first attempt; `0` disables them. Only
  idempotent methods are retried, on network errors, timeouts, 408, 429 and every 5xx but 501 and
  505, a failure envelope with one of those statuses, and a body that broke off; backoff is
  exponential with full jitter, and a wait between attempts, backoff or `Retry-After`, is at most
  `timeout` (unless `backoffLimit` or `maxRetryAfter` says otherwise).
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
  ky hooks. Each attempt is signed in ky's `fetch`, after them: a `beforeRequest` hook that
  changes the request is signed as changed, and no hook sees the signature headers.
  @example {beforeRetry: [() => metrics.increment('intend.retry')]}
  */
  readonly hooks?: Hooks;
  /**
  The `User-Agent` header.
  @default 'bridgekit-intend-client/<version>'
  @example 'acme-screening/2.3'
  */
  readonly userAgent?: string;
  /**
  Resource paths, for tenants whose routes differ from the guides.
  @example {clients: '/api/v3/clients'}
  */
  readonly paths?: Partial<IntendPaths>;
  /**
  How far, in milliseconds, the server's clock (a response's `Date`) may be from the signer's
  before a 401 is taken for a clock that is off: the client then corrects the signer's clock
  (`signer.adjustClock`) and sends the call once more, freshly signed. A 401 whose `Date` agrees
  with the clock is not resent.
  @default 30000
  @example 10_000
  */
  readonly clockTolerance?: number;
}

/** The paths of the vendor's v3 guides. */
export const defaultPaths: IntendPaths = {
  clients: '/api/clients',
  createClient: '/api/clients/create',
  products: '/api/inventory/products',
  categories: '/api/inventory/categories',
  sale: '/api/transactions/sale',
  createSale: '/api/transactions/sale/create',
};
