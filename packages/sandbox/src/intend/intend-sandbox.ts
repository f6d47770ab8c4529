import type { verifyIntendRequest } from '@bridgekit/intend-signer';
import type { MiddlewareHandler } from 'hono';
import type { FaultConfig } from '../server/faults.js';
import {
  assertBoolean,
  assertFunction,
  assertNumber,
  assertObject,
  assertRecords,
  assertText,
} from '../server/option-checks.js';
import { createSandboxServer, type Sandbox } from '../server/sandbox-server.js';
import { createSeededRandom } from '../server/seeded-random.js';
import { registerClientRoutes } from './client-routes.js';
import { intendEnvelope } from './intend-envelope.js';
import { registerInventoryRoutes } from './inventory-routes.js';
import { createListChanges, type ListChange } from './list-change.js';
import { createPaginator } from './pagination.js';
import { registerSaleRoutes } from './sale-routes.js';
import {
  generateCategories,
  generateClients,
  generateProducts,
  type SandboxCategory,
  type SandboxClient,
  type SandboxProduct,
} from './seed-data.js';
import { signatureCheck } from './signature-check.js';

type VerifyOptions = Parameters<typeof verifyIntendRequest>[1];

/** Options of {@link createIntendSandbox}. */
export interface IntendSandboxOptions {
  /** The API key clients must send. */
  readonly apiKey: string;
  /** The secret key, or several during a rotation (any one verifies). */
  readonly secretKey: string | readonly string[];
  /**
  The signature scheme to verify, as `@bridgekit/intend-signer` names it.
  @default 'key-timestamp'
  */
  readonly scheme?: VerifyOptions['scheme'];
  /** Accepted clock difference, in seconds, both ways. @default 300 */
  readonly toleranceSeconds?: number;
  /**
  The sandbox's clock, epoch milliseconds: what it verifies timestamps against and what its `Date`
  header says. Run it ahead or behind (`() => Date.now() + 600_000`) to try a client's clock handling.
  @default Date.now
  */
  readonly now?: () => number;
  /** Seeded client records to generate, or the records themselves. @default 240 */
  readonly clients?: number | readonly SandboxClient[];
  /** @default 120 */
  readonly products?: number | readonly SandboxProduct[];
  /** @default 8 */
  readonly categories?: number | readonly SandboxCategory[];
  /** Seeds the generated data and the random faults. @default 1 */
  readonly seed?: number;
  /** Records per page; the vendor's is 50. @default 50 */
  readonly pageSize?: number;
  /**
  Wrap list pages in Laravel-style paginator metadata (`current_page`, `last_page`, `per_page`,
  `total`, `next_page_url`, `data`). The vendor documents none, so by default pages are bare
  arrays.
  @default false
  */
  readonly paginationMetadata?: boolean;
  /**
  Imitate a broken server that ignores the `page` parameter and always answers page 1, to test
  a client's repeated-page guard.
  @default false
  */
  readonly ignorePageParameter?: boolean;
  /** Latency and failures to inject. */
  readonly faults?: FaultConfig;
}

/** A sandbox that imitates an Intend tenant's REST API. */
export interface IntendSandbox extends Sandbox {
  /** The live records; tests may read or change them. */
  readonly data: {
    readonly clients: SandboxClient[];
    readonly products: SandboxProduct[];
    readonly categories: SandboxCategory[];
    readonly sales: Record<string, unknown>[];
  };
  /**
  Changes the client list after `after` more `GET /api/clients` requests, before the next one
  answers: `insert` fresh clients or `remove` clients at position `at`, so that a listing sees
  its later pages shift (a repeated record, or one skipped).
  @example sandbox.injectListChange({after: 1, insert: 1})
  */
  injectListChange(change: ListChange): void;
}

/** Every answer carries the sandbox's clock as `Date` and a request id, as a real server's would. */
function serverHeaders(now: () => number): MiddlewareHandler {
  let requests = 0;
  return async (context, next) => {
    requests += 1;
    const requestId = `intend-sandbox-${requests}`;
    await next();
    context.res.headers.set('date', new Date(now()).toUTCString());
    context.res.headers.set('x-request-id', requestId);
  };
}

function records<T>(
  given: number | readonly T[] | undefined,
  fallback: number,
  generate: (count: number) => T[],
): T[] {
  return typeof given === 'number' || given === undefined ? generate(given ?? fallback) : [...given];
}

const optionKeys = [
  'apiKey',
  'secretKey',
  'scheme',
  'toleranceSeconds',
  'now',
  'clients',
  'products',
  'categories',
  'seed',
  'pageSize',
  'paginationMetadata',
  'ignorePageParameter',
  'faults',
] as const;

/** Checks the options a sandbox is made with; a bad one is a `ConfigurationError` naming it. */
function assertIntendOptions(value: unknown): asserts value is IntendSandboxOptions {
  const options = assertObject(value, 'options', optionKeys);
  assertText(options['apiKey'], 'apiKey');
  const secrets = Array.isArray(options['secretKey']) ? options['secretKey'] : [options['secretKey']];
  for (const [index, secret] of secrets.entries()) {
    assertText(secret, secrets.length > 1 ? `secretKey[${index}]` : 'secretKey');
  }
  assertNumber(options['toleranceSeconds'], 'toleranceSeconds', 0, 86_400, false);
  assertFunction(options['now'], 'now');
  for (const name of ['clients', 'products', 'categories']) assertRecords(options[name], name);
  assertNumber(options['seed'], 'seed', 0, 2 ** 31 - 1);
  assertNumber(options['pageSize'], 'pageSize', 1, 10_000);
  assertBoolean(options['paginationMetadata'], 'paginationMetadata');
  assertBoolean(options['ignorePageParameter'], 'ignorePageParameter');
}

/**
Starts nothing until asked: returns an Intend-compatible sandbox that verifies every request's
signature with `verifyIntendRequest`, serves the documented endpoints from seeded data,
paginates at 50 and answers in the documented envelope.

@example
```
const sandbox = createIntendSandbox({apiKey: 'demo', secretKey: 'demo-secret-key', clients: 240});
const {url, close} = await sandbox.listen();
```
*/
export function createIntendSandbox(options: IntendSandboxOptions): IntendSandbox {
  assertIntendOptions(options);
  const seed = options.seed ?? 1;
  // Data and faults draw from sources of their own, so that created records do not shift faults.
  const dataRandom = createSeededRandom(seed ^ 0x5eed);
  const categories = records(options.categories, 8, (count) => generateCategories(count, dataRandom));
  const data = {
    clients: records(options.clients, 240, (count) => generateClients(count, dataRandom)),
    categories,
    products: records(options.products, 120, (count) => generateProducts(count, categories, dataRandom)),
    sales: [] as Record<string, unknown>[],
  };
  const paginate = createPaginator({
    pageSize: options.pageSize ?? 50,
    paginationMetadata: options.paginationMetadata ?? false,
    ignorePageParameter: options.ignorePageParameter ?? false,
  });

  const newClient = () => generateClients(1, dataRandom)[0] as SandboxClient;
  const listChanges = createListChanges(data.clients, newClient);
  const sandbox = createSandboxServer({
    random: createSeededRandom(seed),
    faults: options.faults,
    errorResponse: (status, message) => intendEnvelope(status, null, message),
    routes(app) {
      app.use('*', serverHeaders(options.now ?? Date.now));
      app.use('/api/*', signatureCheck(options));
      app.use('/api/clients', listChanges.middleware);
      registerClientRoutes(app, { clients: data.clients, paginate, newClient });
      registerInventoryRoutes(app, { products: data.products, categories, paginate });
      registerSaleRoutes(app, { sales: data.sales, now: options.now ?? Date.now });
    },
  });
  return Object.assign(sandbox, { data, injectListChange: listChanges.inject });
}
