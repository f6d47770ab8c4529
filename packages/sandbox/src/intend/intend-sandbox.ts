import { isSignatureError } from '@bridgekit/errors';
import { verifyIntendRequest } from '@bridgekit/intend-signer';
import type { Context } from 'hono';
import type { FaultConfig } from '../server/faults.js';
import { createSandboxServer, type Sandbox } from '../server/sandbox-server.js';
import { createSeededRandom } from '../server/seeded-random.js';
import { intendEnvelope } from './intend-envelope.js';
import {
  generateCategories,
  generateClients,
  generateProducts,
  type SandboxCategory,
  type SandboxClient,
  type SandboxProduct,
} from './seed-data.js';

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
  /** The sandbox's clock, epoch milliseconds. @default Date.now */
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
}

function records<T>(
  given: number | readonly T[] | undefined,
  fallback: number,
  generate: (count: number) => T[],
): T[] {
  return typeof given === 'number' || given === undefined ? generate(given ?? fallback) : [...given];
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
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
  const seed = options.seed ?? 1;
  const random = createSeededRandom(seed);
  const dataRandom = createSeededRandom(seed ^ 0x5eed);
  const pageSize = options.pageSize ?? 50;
  const secrets = typeof options.secretKey === 'string' ? [options.secretKey] : [...options.secretKey];
  const categories = records(options.categories, 8, (count) => generateCategories(count, dataRandom));
  const data = {
    clients: records(options.clients, 240, (count) => generateClients(count, dataRandom)),
    categories,
    products: records(options.products, 120, (count) => generateProducts(count, categories, dataRandom)),
    sales: [] as Record<string, unknown>[],
  };
  const verifyOptions: VerifyOptions = {
    secretFor: (apiKey: string) => (apiKey === options.apiKey ? secrets : undefined),
    ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
    ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };

  const paginate = (context: Context, items: readonly unknown[]): Response => {
    const pageText = context.req.query('page');
    const page = options.ignorePageParameter ? 1 : pageText === undefined ? 1 : positiveInteger(pageText);
    if (page === undefined) return intendEnvelope(400, null, 'The page parameter must be an integer from 1');
    const slice = items.slice((page - 1) * pageSize, page * pageSize);
    if (!options.paginationMetadata) return intendEnvelope(200, slice);
    const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
    const pageUrl = (number: number) => {
      const url = new URL(context.req.url);
      url.searchParams.set('page', String(number));
      return url.href;
    };
    return intendEnvelope(200, {
      current_page: page,
      data: slice,
      first_page_url: pageUrl(1),
      from: slice.length === 0 ? null : (page - 1) * pageSize + 1,
      last_page: lastPage,
      last_page_url: pageUrl(lastPage),
      next_page_url: page < lastPage ? pageUrl(page + 1) : null,
      path: new URL(context.req.url).pathname,
      per_page: pageSize,
      prev_page_url: page > 1 ? pageUrl(page - 1) : null,
      to: slice.length === 0 ? null : (page - 1) * pageSize + slice.length,
      total: items.length,
    });
  };

  const readJson = async (context: Context): Promise<Record<string, unknown> | undefined> => {
    try {
      const body: unknown = await context.req.json();
      return typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  };

  return Object.assign(
    createSandboxServer({
      random,
      faults: options.faults,
      errorResponse: (status, message) => intendEnvelope(status, null, message),
      routes(app) {
        app.use('/api/*', async (context, next) => {
          try {
            await verifyIntendRequest(context.req.raw, verifyOptions);
          } catch (error) {
            if (!isSignatureError(error)) throw error;
            return intendEnvelope(401, null, `Authentication failed: ${error.reason}`);
          }
          await next();
          return undefined;
        });

        const listClients = (context: Context) => {
          const clientId = context.req.query('client_id');
          if (clientId !== undefined) {
            const client = data.clients.find((candidate) => String(candidate.id) === clientId);
            return client
              ? intendEnvelope(200, client)
              : intendEnvelope(404, null, `Client ${clientId} not found`);
          }
          const type = context.req.query('client_type');
          const department = context.req.query('department');
          return paginate(
            context,
            data.clients.filter(
              (client) =>
                (type === undefined || client.type.code === type) &&
                (department === undefined || client.department === department),
            ),
          );
        };
        app.get('/api/clients', listClients);
        app.get('/api/clients/get', listClients);

        app.post('/api/clients/create', async (context) => {
          const body = await readJson(context);
          if (!body) return intendEnvelope(400, null, 'The body must be a JSON object');
          const missing = ['first_name', 'last_name', 'email'].filter(
            (field) => typeof body[field] !== 'string',
          );
          if (missing.length > 0) return intendEnvelope(400, null, `Missing fields: ${missing.join(', ')}`);
          const id = (data.clients.at(-1)?.id ?? 0) + 1;
          const template = generateClients(1, dataRandom)[0] as SandboxClient;
          const client: SandboxClient = {
            ...template,
            ...body,
            id,
            account: `ACC-${String(id).padStart(6, '0')}`,
          };
          data.clients.push(client);
          return intendEnvelope(200, client, 'Client created');
        });

        app.get('/api/inventory/products', (context) => {
          const productId = context.req.query('product_id');
          if (productId !== undefined) {
            const product = data.products.find((candidate) => String(candidate.id) === productId);
            return product
              ? intendEnvelope(200, product)
              : intendEnvelope(404, null, `Product ${productId} not found`);
          }
          const categoryId = context.req.query('category_id');
          return paginate(
            context,
            data.products.filter(
              (product) => categoryId === undefined || String(product.category_id) === categoryId,
            ),
          );
        });

        app.get('/api/inventory/categories', (context) => {
          const categoryId = context.req.query('category_id');
          if (categoryId === undefined) return intendEnvelope(400, null, 'category_id is required');
          const category = data.categories.find((candidate) => String(candidate.id) === categoryId);
          if (!category) return intendEnvelope(404, null, `Category ${categoryId} not found`);
          return intendEnvelope(200, {
            ...category,
            subcategories: data.categories.filter(
              (candidate) => candidate.parent_category_id === category.id,
            ),
          });
        });

        app.get('/api/transactions/sale', (context) => {
          const saleId = context.req.query('sale_id');
          if (saleId === undefined) return intendEnvelope(400, null, 'sale_id is required');
          const sale = data.sales.find((candidate) => String(candidate['id']) === saleId);
          return sale ? intendEnvelope(200, sale) : intendEnvelope(404, null, `Sale ${saleId} not found`);
        });

        app.post('/api/transactions/sale/create', async (context) => {
          const body = await readJson(context);
          if (!body) return intendEnvelope(400, null, 'The body must be a JSON object');
          if (!Array.isArray(body['items']) || body['items'].length === 0) {
            return intendEnvelope(400, null, 'items must be a non-empty array');
          }
          const sale = {
            ...body,
            id: data.sales.length + 1,
            created_on: new Date(options.now?.() ?? Date.now()).toISOString(),
          };
          data.sales.push(sale);
          return intendEnvelope(200, sale, 'Sale created');
        });
      },
    }),
    { data },
  );
}
