export type { QueryParameters } from './assertions.js';
export type { IntendRequestOptions } from './call-options.js';
export { createIntendClient, type IntendClient } from './create-intend-client.js';
export { isIntendFailureEnvelope } from './envelope.js';
export type { IntendClientStats } from './intend-client-counters.js';
export type { IntendClientOptions, IntendPaths } from './intend-client-options.js';
export type { IntendRequester } from './intend-request.js';
export type { ListStats } from './listing-stats.js';
export type { PageFetchEvents, PageFetcher } from './page-queue.js';
export type { RawPage } from './page-shape.js';
export type { Page, PageProgress, PaginateOptions } from './paginate-options.js';
export { Paginator } from './paginator.js';
export type {
  IntendAddress,
  IntendCategoryRecord,
  IntendClientInput,
  IntendClientRecord,
  IntendCode,
  IntendProductRecord,
  IntendSaleInput,
  IntendSaleRecord,
} from './records.js';
export type { CategoriesResource, CategoryQuery } from './resources/categories.js';
export type { ClientListQuery, ClientsResource } from './resources/clients.js';
export type { ProductListQuery, ProductsResource } from './resources/products.js';
export type { SalesResource } from './resources/sales.js';
export { version } from './version.js';
