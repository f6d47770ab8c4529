import { type CallPromise, callOptionKeys, objectOption } from '@bridgekit/http';
import { recordId } from '../assertions.js';
import type { IntendCallOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import { guarded, type IntendRequester } from '../intend-request.js';
import type { PaginateOptions } from '../paginate-options.js';
import type { Paginator } from '../paginator.js';
import type { IntendProductRecord } from '../records.js';

/** Filters of Query Products. */
export interface ProductListQuery {
  /** `category_id`. */
  readonly categoryId?: number | string;
}

/** `intend.products`. */
export interface ProductsResource {
  /** Every product (Query Products), 50 a page, lazily. */
  list(
    query?: ProductListQuery,
    options?: PaginateOptions<IntendProductRecord>,
  ): Paginator<IntendProductRecord>;
  /** One product by id (`product_id`). */
  get(id: number | string, options?: IntendCallOptions): CallPromise<IntendProductRecord>;
}

export function productsResource(
  request: IntendRequester,
  paginate: <T>(path: string, options?: PaginateOptions<T>) => Paginator<T>,
  paths: IntendPaths,
): ProductsResource {
  return {
    list: (query, options) => {
      const { categoryId } = objectOption('query', query, ['categoryId']);
      const listing = objectOption('options', options);
      return paginate<IntendProductRecord>(paths.products, {
        ...listing,
        query: { category_id: categoryId, ...listing.query },
      });
    },
    get: (id, options) =>
      guarded(() =>
        request<IntendProductRecord>('GET', paths.products, {
          ...objectOption('options', options, callOptionKeys),
          query: { product_id: recordId('id', id) },
        }),
      ),
  };
}
