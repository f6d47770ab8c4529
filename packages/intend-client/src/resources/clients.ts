import type { IntendRequestOptions } from '../call-options.js';
import type { IntendPaths } from '../intend-client-options.js';
import type { IntendRequester } from '../intend-request.js';
import type { PaginateOptions } from '../paginate-options.js';
import type { Paginator } from '../paginator.js';
import type { IntendClientInput, IntendClientRecord } from '../records.js';
import { objectArgument } from './object-argument.js';
import { recordId } from './record-id.js';

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
  get(id: number | string, options?: Pick<IntendRequestOptions, 'signal'>): Promise<IntendClientRecord>;
  /** Create Client. Not retried: a retry could create the client twice. */
  create(
    input: IntendClientInput,
    options?: Pick<IntendRequestOptions, 'signal'>,
  ): Promise<IntendClientRecord>;
}

export function clientsResource(
  request: IntendRequester,
  paginate: <T>(path: string, options?: PaginateOptions<T>) => Paginator<T>,
  paths: IntendPaths,
): ClientsResource {
  return {
    list: (query, options) => {
      const { clientType, department } = objectArgument('query', query);
      const listing = objectArgument('options', options);
      return paginate<IntendClientRecord>(paths.clients, {
        ...listing,
        query: { client_type: clientType, department, ...listing.query },
      });
    },
    get: async (id, options = {}) =>
      request<IntendClientRecord>('GET', paths.clients, {
        ...options,
        query: { client_id: recordId('id', id) },
      }),
    create: (input, options = {}) =>
      request<IntendClientRecord>('POST', paths.createClient, { ...options, json: input }),
  };
}
