import type { IntendSigner } from '@bridgekit/intend-signer';
import type { KyInstance } from 'ky';
import { checkPath } from './call-options.js';
import type { IntendClientOptions } from './intend-client-options.js';
import { createRequester, type IntendRequester } from './intend-request.js';
import { readPage } from './page-shape.js';
import type { PaginateOptions } from './paginate-options.js';
import { Paginator } from './paginator.js';
import { type CategoriesResource, categoriesResource } from './resources/categories.js';
import { type ClientsResource, clientsResource } from './resources/clients.js';
import { type ProductsResource, productsResource } from './resources/products.js';
import { type SalesResource, salesResource } from './resources/sales.js';

/** What `createIntendClient` returns. */
export interface IntendClient {
  readonly clients: ClientsResource;
  readonly products: ProductsResource;
  readonly categories: CategoriesResource;
  readonly sales: SalesResource;
  /**
  Lists any paginated endpoint, 50 records a page, with the same prefetching, limits and
  checkpoints as the resources' `list()`.
  @example
  ```
  const all = intend.paginate<MyRecord>('/api/some/list', {query: {x: 1}});
  ```
  */
  paginate<T = unknown>(path: string, options?: PaginateOptions<T>): Paginator<T>;
  /** Sends one signed request to any endpoint and returns the envelope's `data`. */
  readonly request: IntendRequester;
  /** The configured ky instance (signing, retries and envelope checks included), for anything else. */
  readonly ky: KyInstance;
  /** The signer in use. */
  readonly signer: IntendSigner;
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
  const { request, requestPage, ky, signer, settings } = createRequester(options);
  const paginate = <T>(path: string, paginateOptions: PaginateOptions<T> = {}): Paginator<T> => {
    checkPath(path);
    return new Paginator<T>(async (page, signal, events) => {
      const query = { ...paginateOptions.query, page };
      const data = await requestPage(path, { query, signal }, (waitMs) => events?.rateLimited(waitMs));
      return readPage<T>(data, { method: 'GET', url: path });
    }, paginateOptions);
  };
  const { paths } = settings;
  return {
    clients: clientsResource(request, paginate, paths),
    products: productsResource(request, paginate, paths),
    categories: categoriesResource(request, paths),
    sales: salesResource(request, paths),
    paginate,
    request,
    ky,
    signer,
  };
}
