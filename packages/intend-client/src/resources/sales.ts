import { type CallPromise, callOptionKeys, objectOption } from '@bridgekit/http';
import { optionalRecordId, recordId } from '../assertions.js';
import type { IntendCallOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import { guarded, type IntendRequester } from '../intend-request.js';
import type { IntendSaleInput, IntendSaleRecord } from '../records.js';

/** `intend.sales`. */
export interface SalesResource {
  /** One sale (Query Sale; `sale_id` is required, `client_id` optional). */
  get(
    saleId: number | string,
    query?: { readonly clientId?: number | string },
    options?: IntendCallOptions,
  ): CallPromise<IntendSaleRecord>;
  /** Create Sale. Not retried: a retry could record the sale twice. */
  create(input: IntendSaleInput, options?: IntendCallOptions): CallPromise<IntendSaleRecord>;
}

export function salesResource(request: IntendRequester, paths: IntendPaths): SalesResource {
  return {
    get: (saleId, query, options) =>
      guarded(() =>
        request<IntendSaleRecord>('GET', paths.sale, {
          ...objectOption('options', options, callOptionKeys),
          query: {
            sale_id: recordId('saleId', saleId),
            client_id: optionalRecordId(
              'query.clientId',
              objectOption('query', query, ['clientId']).clientId,
            ),
          },
        }),
      ),
    create: (input, options) =>
      guarded(() =>
        request<IntendSaleRecord>('POST', paths.createSale, {
          ...objectOption('options', options, callOptionKeys),
          json: input,
        }),
      ),
  };
}
