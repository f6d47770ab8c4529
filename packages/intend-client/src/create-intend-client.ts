/// <reference lib="esnext.disposable" preserve="true" />
import { ConfigurationError } from '@bridgekit/errors';
import { asyncDispose, Closing } from '@bridgekit/http';
import type { IntendSigner } from '@bridgekit/intend-signer';
import type { KyInstance } from 'ky';
import { checkPath } from './assertions.js';
import {
  createIntendClientCounters,
  type IntendClientCounters,
  type IntendClientStats,
} from './intend-client-counters.js';
import type { IntendClientOptions } from './intend-client-options.js';
import { createRequester, type IntendRequester } from './intend-request.js';
import { readPage } from './page-shape.js';
import type { PaginateOptions } from './paginate-options.js';
import { Paginator } from './paginator.js';
import { resolveClientOptions } from './resolve-client-options.js';
import { type CategoriesResource, categoriesResource } from './resources/categories.js';
import { type ClientsResource, clientsResource } from './resources/clients.js';
import { type ProductsResource, productsResource } from './resources/products.js';
import { type SalesResource, salesResource } from './resources/sales.js';

/** What a derived client shares and cannot change: create another client for other credentials. */
const sharedOptions = ['apiKey', 'secretKey', 'scheme', 'signer'] as const;

/** What `createIntendClient` returns. */
export interface IntendClient {
  readonly clients: ClientsResource;
  readonly products: ProductsResource;
  readonly categories: CategoriesResource;
  readonly sales: SalesResource;
  /**
  Lists any paginated endpoint with the same page size rule, prefetching, limits and checkpoints
  as the resources' `list()`.
  @example
  ```
  const all = intend.paginate<MyRecord>('/api/some/list', {query: {x: 1}});
  ```
  */
  paginate<T = unknown>(path: string, options?: PaginateOptions<T>): Paginator<T>;
  /** Sends one signed request to any endpoint and resolves with the envelope's `data`. */
  readonly request: IntendRequester;
  /** The configured ky instance (signing, retries and envelope checks included), for anything else. */
  readonly ky: KyInstance;
  /** The signer in use, shared by every client derived with `withOptions()`. */
  readonly signer: IntendSigner;
  /** A snapshot of the counters this client and its derived clients share. */
  readonly stats: IntendClientStats;
  /**
  A new client with `options` merged over this one's (`headers` merged name by name, any other
  option replaced), sharing its signer (and so its clock correction) and its counters.
  Credentials cannot change: create another client for those.
  @example
  ```
  const patient = intend.withOptions({timeout: 120_000, retry: 5});
  ```
  */
  withOptions(
    options: Partial<Omit<IntendClientOptions, 'apiKey' | 'secretKey' | 'scheme' | 'signer'>>,
  ): IntendClient;
  /**
  Stops the client and every client derived from it: calls and list pages in flight are aborted
  (they reject with an `AbortError` saying the client was closed) and later calls reject the same
  way. Resolves once no call is left running.
  @example
  ```
  process.once('SIGTERM', () => void intend.close());
  ```
  */
  close(): Promise<void>;
  /** `close()`, for `await using intend = createIntendClient(...)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const noEvents = { paused: () => undefined, resumed: () => undefined };

function clientWith(
  options: IntendClientOptions,
  counters: IntendClientCounters,
  closing: Closing,
): IntendClient {
  const settings = resolveClientOptions(options);
  const { request, requestPage, ky } = createRequester({ settings, counters, closing });
  const paginate = <T>(path: string, paginateOptions: PaginateOptions<T> = {}): Paginator<T> => {
    checkPath(path);
    // The Paginator checks the options first: the fetcher runs only once they are known good.
    return new Paginator<T>(async (page, signal, events = noEvents) => {
      const { timeout, retry, headers } = paginateOptions;
      const perPage = {
        ...(timeout === undefined ? {} : { timeout }),
        ...(retry === undefined ? {} : { retry }),
        ...(headers === undefined ? {} : { headers }),
      };
      const query = { ...paginateOptions.query, page };
      const { data, requestId, attempts } = await requestPage(
        path,
        { ...perPage, query, signal },
        events,
      ).withResponse();
      return { ...readPage<T>(data, { method: 'GET', url: path }), requestId, attempts };
    }, paginateOptions);
  };
  const { paths, signer } = settings;
  return {
    clients: clientsResource(request, paginate, paths),
    products: productsResource(request, paginate, paths),
    categories: categoriesResource(request, paths),
    sales: salesResource(request, paths),
    paginate,
    request,
    ky,
    signer,
    get stats(): IntendClientStats {
      return counters.snapshot();
    },
    withOptions(more) {
      const given = typeof more === 'object' && more !== null ? Object.keys(more) : [];
      const changed = sharedOptions.find((name) => given.includes(name));
      if (changed !== undefined) {
        throw new ConfigurationError({
          option: changed,
          expected: 'options that keep the signer (withOptions shares it)',
          hint: 'Create another client with createIntendClient() for other credentials.',
        });
      }
      const headers = { ...options.headers, ...more.headers };
      return clientWith({ ...options, ...more, headers, signer }, counters, closing);
    },
    close: () => closing.close(),
    [asyncDispose]: () => closing.close(),
  };
}

/**
Creates a client for one Intend tenant. Every request is signed; responses are unwrapped from
the Intend envelope; failures become `@bridgekit/errors` classes; lists are lazy async iterators.

@example
```
import {createIntendClient} from '@bridgekit/intend-client';

const intend = createIntendClient({baseUrl: 'https://acme.intend.com', apiKey, secretKey});
for await (const client of intend.clients.list({clientType: 'trade'})) {
	console.log(client.account);
}
```
*/
export function createIntendClient(options: IntendClientOptions): IntendClient {
  return clientWith(options, createIntendClientCounters(), new Closing('The Intend client'));
}
