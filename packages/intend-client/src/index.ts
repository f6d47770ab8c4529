export { createIntendClient, type IntendClient } from './create-intend-client.js';
export type { IntendClientOptions, IntendPaths } from './intend-client-options.js';
export type { IntendRequester, IntendRequestOptions } from './intend-request.js';
export {
  type Page,
  type PageFetcher,
  type PageProgress,
  type PaginateOptions,
  Paginator,
  type QueryParameters,
} from './paginator.js';
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
