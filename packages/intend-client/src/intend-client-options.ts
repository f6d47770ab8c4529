import type { createIntendSigner, IntendSigner } from '@bridgekit/intend-signer';
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
export interface IntendClientOptions {
  /**
  Your tenant's base URL, without `/api`.
  @example 'https://acme.intend.com'
  */
  readonly baseUrl: string | URL;
  /** The API key (header `api-key`). Required unless `signer` is given. */
  readonly apiKey?: string;
  /** The secret key that signs requests. Keep it server-side. Required unless `signer` is given. */
  readonly secretKey?: string;
  /**
  The signature scheme, when not the default. See `@bridgekit/intend-signer`.
  @default 'key-timestamp'
  */
  readonly scheme?: Parameters<typeof createIntendSigner>[0]['scheme'];
  /** A ready signer, instead of `apiKey`, `secretKey` and `scheme`. */
  readonly signer?: IntendSigner;
  /**
  The `fetch` to use: inject one for tests, proxies or instrumentation.
  @default globalThis.fetch
  */
  readonly fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
  Milliseconds to wait for each attempt's response.
  @default 30000
  */
  readonly timeout?: number;
  /**
  Retries (ky's options). `0` disables them. Only idempotent methods are retried, on network
  errors, timeouts, 408, 429, 500, 502, 503 and 504, a failure envelope with one of those statuses,
  and a body that broke off; backoff is exponential with full jitter, and `Retry-After` is honoured.
  @default {limit: 2}
  */
  readonly retry?: number | RetryOptions;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** ky hooks, run after bridgekit's own (signing, envelope checks). */
  readonly hooks?: Hooks;
  /**
  The `User-Agent` header.
  @default 'bridgekit-intend-client/<version>'
  */
  readonly userAgent?: string;
  /** Resource paths, for tenants whose routes differ from the guides. */
  readonly paths?: Partial<IntendPaths>;
}

export const defaultPaths: IntendPaths = {
  clients: '/api/clients',
  createClient: '/api/clients/create',
  products: '/api/inventory/products',
  categories: '/api/inventory/categories',
  sale: '/api/transactions/sale',
  createSale: '/api/transactions/sale/create',
};

export const retryableStatuses: readonly number[] = [408, 429, 500, 502, 503, 504];
export const idempotentMethods: readonly ('get' | 'head' | 'options' | 'put' | 'delete')[] = [
  'get',
  'head',
  'options',
  'put',
  'delete',
];
