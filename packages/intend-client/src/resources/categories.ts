import type { IntendRequestOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import type { IntendRequester } from '../intend-request.js';
import type { IntendCategoryRecord } from '../records.js';
import { objectArgument } from './object-argument.js';
import { optionalRecordId, recordId } from './record-id.js';

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
    options?: Pick<IntendRequestOptions, 'signal'>,
  ): Promise<IntendCategoryRecord>;
}

export function categoriesResource(request: IntendRequester, paths: IntendPaths): CategoriesResource {
  return {
    get: async (id, query, options) =>
      request<IntendCategoryRecord>('GET', paths.categories, {
        ...options,
        // The vendor's parameter name is misspelled; sending it as documented is what works.
        query: {
          category_id: recordId('id', id),
          category_type: objectArgument('query', query).categoryType,
          parent_caegory_id: optionalRecordId(
            'query.parentCategoryId',
            objectArgument('query', query).parentCategoryId,
          ),
        },
      }),
  };
}
