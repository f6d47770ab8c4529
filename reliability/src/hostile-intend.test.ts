import { createIntendClient, type IntendClient, type Paginator } from '@bridgekit/intend-client';
import { createIntendSandbox } from '@bridgekit/sandbox';
import {
  asyncCase,
  expectReturns,
  expectSettles,
  kyOptions,
  type OptionSpec,
  optionCases,
  schemeOptions,
} from './support/hostile-cases.js';
import type { HostileCase } from './support/hostile-check.js';
import { type HostileGroup, hostileGroupTests } from './support/hostile-group-test.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { credentials } from './support/secrets.js';

const sandbox = createIntendSandbox({
  apiKey: credentials.intendApiKey,
  secretKey: credentials.intendSecretKey,
  clients: 120,
  products: 60,
});
const baseOptions = () => ({
  baseUrl: 'http://127.0.0.1:1/',
  apiKey: credentials.intendApiKey,
  secretKey: credentials.intendSecretKey,
  fetch: sandbox.fetch,
  timeout: 300,
  retry: 0,
});
const client = createIntendClient(baseOptions());

/** Lists with a hostile argument: making the listing may throw a BridgekitError, reading it must reject with one. */
function listCase(name: string, list: (value: unknown) => Paginator<unknown>, limit = 60): HostileCase {
  return {
    name,
    async run(value) {
      const paginator = (await expectReturns(name, () => list(value))) as Paginator<unknown> | undefined;
      if (paginator !== undefined)
        await expectSettles(`${name} then toArray`, () => paginator.toArray({ limit }));
    },
  };
}

async function exercise(intend: IntendClient): Promise<void> {
  await expectSettles('clients.get(1)', () => intend.clients.get(1));
  const listing = (await expectReturns('clients.list()', () => intend.clients.list())) as
    | Paginator<unknown>
    | undefined;
  if (listing !== undefined)
    await expectSettles('clients.list().toArray', () => listing.toArray({ limit: 60 }));
}

const factoryOptions: readonly OptionSpec[] = [
  [],
  ['baseUrl'],
  ['apiKey'],
  ['secretKey'],
  ...schemeOptions,
  ['signer'],
  ['signer', 'sign'],
  ...kyOptions,
  ['retry', 'methods'],
  ['retry', 'statusCodes'],
  ['retry', 'backoffLimit'],
  ['retry', 'delay'],
  ['hooks', 'beforeError', 0],
  ['paths'],
  ['paths', 'clients'],
];

const listingOptions = [
  'query',
  'startPage',
  'prefetch',
  'concurrency',
  'pageSize',
  'maxPages',
  'maxItems',
  'signal',
  'onPage',
];

const groups: readonly HostileGroup[] = [
  [
    'createIntendClient: every option',
    () =>
      optionCases(
        'createIntendClient',
        createIntendClient as (options: unknown) => IntendClient,
        baseOptions,
        factoryOptions,
        exercise,
      ),
  ],
  [
    'clients.get / list / create',
    () => [
      asyncCase('clients.get(id)', (value) => client.clients.get(value as number)),
      asyncCase('clients.get(1, options)', (value) => client.clients.get(1, value as object)),
      listCase('clients.list(query)', (value) => client.clients.list(value as object)),
      listCase('clients.list({clientType})', (value) => client.clients.list({ clientType: value as string })),
      listCase('clients.list({}, options)', (value) => client.clients.list({}, value as object)),
      asyncCase('clients.create(input)', (value) => client.clients.create(value as never)),
      asyncCase('clients.create({}, options)', (value) =>
        client.clients.create({} as never, value as object),
      ),
    ],
  ],
  [
    'products, categories, sales',
    () => [
      asyncCase('products.get(id)', (value) => client.products.get(value as number)),
      asyncCase('products.get(1, options)', (value) => client.products.get(1, value as object)),
      listCase('products.list(query)', (value) => client.products.list(value as object)),
      listCase('products.list({categoryId})', (value) =>
        client.products.list({ categoryId: value as number }),
      ),
      listCase('products.list({}, options)', (value) => client.products.list({}, value as object)),
      asyncCase('categories.get(id)', (value) => client.categories.get(value as number)),
      asyncCase('categories.get(1, query)', (value) => client.categories.get(1, value as object)),
      asyncCase('categories.get(1, {categoryType})', (value) =>
        client.categories.get(1, { categoryType: value as string }),
      ),
      asyncCase('categories.get(1, {}, options)', (value) => client.categories.get(1, {}, value as object)),
      asyncCase('sales.get(saleId)', (value) => client.sales.get(value as number)),
      asyncCase('sales.get(1, query)', (value) => client.sales.get(1, value as object)),
      asyncCase('sales.get(1, {}, options)', (value) => client.sales.get(1, {}, value as object)),
      asyncCase('sales.create(input)', (value) => client.sales.create(value as never)),
      asyncCase('sales.create({}, options)', (value) => client.sales.create({} as never, value as object)),
    ],
  ],
  [
    'paginate, Paginator.toArray, request, every listing option',
    () => [
      listCase('paginate(path)', (value) => client.paginate(value as string)),
      listCase('paginate(path, options)', (value) => client.paginate('/api/clients', value as object)),
      ...listingOptions.map((option) =>
        listCase(`clients.list({}, {${option}})`, (value) => client.clients.list({}, { [option]: value })),
      ),
      asyncCase('Paginator.toArray(options)', (value) =>
        client.clients.list().toArray(value as { limit: number }),
      ),
      asyncCase('Paginator.toArray({limit})', (value) =>
        client.clients.list().toArray({ limit: value as number }),
      ),
      asyncCase('request(method)', (value) => client.request(value as string, '/api/clients')),
      asyncCase('request(GET, path)', (value) => client.request('GET', value as string)),
      asyncCase('request(GET, path, options)', (value) =>
        client.request('GET', '/api/clients', value as object),
      ),
    ],
  ],
];

hostileGroupTests('Intend', groups);

leakAuditTest('hostile input, Intend');
