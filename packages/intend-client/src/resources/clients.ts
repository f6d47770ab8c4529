import { type CallPromise, callOptionKeys, objectOption } from '@bridgekit/http';
import { recordId } from '../assertions.js';
import type { IntendCallOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import { guarded, type IntendRequester } from '../intend-request.js';
import type { PaginateOptions } from '../paginate-options.js';
import type { Paginator } from '../paginator.js';
import type { IntendClientInput, IntendClientRecord } from '../records.js';

/** Filters of Query Clients. */
export interface ClientListQuery {
  /** `client_type`, e.g. `'trade'`. */
  readonly clientType?: string;
  readonly department?: string;
}

/** `intend.clients`. */
export interface ClientsResource {
  /** Every client (Query Clients), 50 a page, lazily. */
  list(query?: ClientListQuery, options?: PaginateOptions<IntendClientRecord>): Paginator<IntendClientRecord>;
  /** One client by id (`client_id`). */
  get(id: number | string, options?: IntendCallOptions): CallPromise<IntendClientRecord>;
  /** Create Client. Not retried: a retry could create the client twice. */
  create(input: IntendClientInput, options?: IntendCallOptions): CallPromise<IntendClientRecord>;
}

export function clientsResource(
  request: IntendRequester,
  paginate: <T>(path: string, options?: PaginateOptions<T>) => Paginator<T>,
  paths: IntendPaths,
): ClientsResource {
  return {
    list: (query, options) => {
      const { clientType, department } = objectOption('query', query, ['clientType', 'department']);
      const listing = objectOption('options', options);
      return paginate<IntendClientRecord>(paths.clients, {
        ...listing,
        query: { client_type: clientType, department, ...listing.query },
      });
    },
    get: (id, options) =>
      guarded(() =>
        request<IntendClientRecord>('GET', paths.clients, {
          ...objectOption('options', options, callOptionKeys),
          query: { client_id: recordId('id', id) },
        }),
      ),
    create: (input, options) =>
      guarded(() =>
        request<IntendClientRecord>('POST', paths.createClient, {
          ...objectOption('options', options, callOptionKeys),
          json: input,
        }),
      ),
  };
}
