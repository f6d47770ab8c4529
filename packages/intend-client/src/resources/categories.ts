import { type CallPromise, callOptionKeys, objectOption } from '@bridgekit/http';
import { optionalRecordId, recordId } from '../assertions.js';
import type { IntendCallOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import { guarded, type IntendRequester } from '../intend-request.js';
import type { IntendCategoryRecord } from '../records.js';

/** Optional filters of Query Categories. */
export interface CategoryQuery {
  /** `category_type`. */
  readonly categoryType?: string;
  /** Sent as the vendor spells it: `parent_caegory_id`. */
  readonly parentCategoryId?: number | string;
}

/** `intend.categories`. */
export interface CategoriesResource {
  /** One category (Query Categories; `category_id` is required by the API). */
  get(
    id: number | string,
    query?: CategoryQuery,
    options?: IntendCallOptions,
  ): CallPromise<IntendCategoryRecord>;
}

export function categoriesResource(request: IntendRequester, paths: IntendPaths): CategoriesResource {
  return {
    get: (id, query, options) =>
      guarded(() => {
        const { categoryType, parentCategoryId } = objectOption('query', query, [
          'categoryType',
          'parentCategoryId',
        ]);
        return request<IntendCategoryRecord>('GET', paths.categories, {
          ...objectOption('options', options, callOptionKeys),
          // The vendor's parameter name is misspelled; sending it as documented is what works.
          query: {
            category_id: recordId('id', id),
            category_type: categoryType,
            parent_caegory_id: optionalRecordId('query.parentCategoryId', parentCategoryId),
          },
        });
      }),
  };
}
