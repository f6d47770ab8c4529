import type { IntendRequestOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import type { IntendRequester } from '../intend-request.js';
import type { IntendSaleInput, IntendSaleRecord } from '../records.js';
import { objectArgument } from './object-argument.js';
import { optionalRecordId, recordId } from './record-id.js';

/** `intend.sales`. */
export interface SalesResource {
  /** One sale (Query Sale; `sale_id` is required, `client_id` optional). */
  get(
    saleId: number | string,
    query?: { readonly clientId?: number | string },
    options?: Pick<IntendRequestOptions, 'signal'>,
  ): Promise<IntendSaleRecord>;
  /** Create Sale. Not retried: a retry could record the sale twice. */
  create(input: IntendSaleInput, options?: Pick<IntendRequestOptions, 'signal'>): Promise<IntendSaleRecord>;
}

export function salesResource(request: IntendRequester, paths: IntendPaths): SalesResource {
  return {
    get: async (saleId, query, options) =>
      request<IntendSaleRecord>('GET', paths.sale, {
        ...options,
        query: {
          sale_id: recordId('saleId', saleId),
          client_id: optionalRecordId('query.clientId', objectArgument('query', query).clientId),
        },
      }),
    create: (input, options = {}) =>
      request<IntendSaleRecord>('POST', paths.createSale, { ...options, json: input }),
  };
}
