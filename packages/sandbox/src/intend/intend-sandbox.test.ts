import { createIntendSigner } from '@bridgekit/intend-signer';
import { describe, expect, it } from 'vitest';
import { createIntendSandbox, type IntendSandboxOptions } from './intend-sandbox.js';

const origin = 'http://intend.test';
const credentials = { apiKey: 'demo-key', secretKey: 'demo-secret-key' };
const signer = createIntendSigner(credentials);

type Envelope = { status: number; response: boolean; data: unknown; msg: string };

function sandboxWith(overrides: Partial<IntendSandboxOptions> = {}) {
  return createIntendSandbox({ ...credentials, ...overrides });
}

async function call(
  sandbox: ReturnType<typeof sandboxWith>,
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ response: Response; envelope: Envelope }> {
  const url = `${origin}${path}`;
  const method = init.method ?? 'GET';
  const headers = await signer.sign({ method, url, ...(init.body === undefined ? {} : { body: init.body }) });
  const response = await sandbox.fetch(url, {
    method,
    headers: { ...headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { response, envelope: (await response.json()) as Envelope };
}

describe('signature checks', () => {
  it('answers 401 in the envelope with the reason', async () => {
    const sandbox = sandboxWith();
    const unsigned = await sandbox.fetch(`${origin}/api/clients`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      status: 401,
      response: false,
      data: null,
      msg: 'Authentication failed: missing_header',
    });
    const wrong = createIntendSigner({ apiKey: 'demo-key', secretKey: 'another-secret-key' });
    const url = `${origin}/api/clients`;
    const mismatch = await sandbox.fetch(url, { headers: await wrong.sign({ method: 'GET', url }) });
    expect(((await mismatch.json()) as Envelope).msg).toBe('Authentication failed: signature_mismatch');
  });

  it('accepts any of the secret keys during a rotation', async () => {
    const sandbox = sandboxWith({ secretKey: ['new-secret-key', credentials.secretKey] });
    expect((await call(sandbox, '/api/clients')).response.status).toBe(200);
  });
});

describe('clients', () => {
  it('pages 50 records at a time, as bare arrays by default', async () => {
    const sandbox = sandboxWith({ clients: 120 });
    const first = await call(sandbox, '/api/clients');
    expect(first.envelope).toMatchObject({ status: 200, response: true, msg: 'Request Successful' });
    expect(first.envelope.data).toHaveLength(50);
    expect((await call(sandbox, '/api/clients?page=3')).envelope.data).toHaveLength(20);
    expect((await call(sandbox, '/api/clients/get?page=4')).envelope.data).toEqual([]);
    const bad = await call(sandbox, '/api/clients?page=0');
    expect(bad.response.status).toBe(400);
    expect(bad.envelope.msg).toBe('The page parameter must be an integer from 1');
  });

  it('finds one client, filters by type and department, and answers 404 for an unknown id', async () => {
    const sandbox = sandboxWith();
    const [client] = sandbox.data.clients;
    if (!client) throw new Error('no seeded client');
    expect((await call(sandbox, `/api/clients?client_id=${client.id}`)).envelope.data).toEqual(client);
    const missing = await call(sandbox, '/api/clients/get?client_id=99999');
    expect(missing.response.status).toBe(404);
    expect(missing.envelope).toMatchObject({ data: null, msg: 'Client 99999 not found' });
    const query = `client_type=${client.type.code}&department=${encodeURIComponent(client.department)}`;
    const filtered = (await call(sandbox, `/api/clients?${query}`)).envelope.data as { id: number }[];
    const expected = sandbox.data.clients.filter(
      (candidate) => candidate.type.code === client.type.code && candidate.department === client.department,
    );
    expect(filtered.map((candidate) => candidate.id)).toEqual(
      expected.slice(0, 50).map((candidate) => candidate.id),
    );
  });

  it('wraps pages in paginator metadata when asked', async () => {
    const sandbox = sandboxWith({ clients: 120, paginationMetadata: true, pageSize: 50 });
    const page = (await call(sandbox, '/api/clients?page=2')).envelope.data as Record<string, unknown>;
    expect(page).toMatchObject({
      current_page: 2,
      from: 51,
      to: 100,
      last_page: 3,
      per_page: 50,
      total: 120,
      path: '/api/clients',
      first_page_url: `${origin}/api/clients?page=1`,
      last_page_url: `${origin}/api/clients?page=3`,
      next_page_url: `${origin}/api/clients?page=3`,
      prev_page_url: `${origin}/api/clients?page=1`,
    });
    expect(page['data']).toHaveLength(50);
    const empty = (await call(sandbox, '/api/clients?page=9')).envelope.data as Record<string, unknown>;
    expect(empty).toMatchObject({ from: null, to: null, next_page_url: null, data: [] });
  });

  it('always answers page 1 when told to ignore the page parameter', async () => {
    const sandbox = sandboxWith({ ignorePageParameter: true });
    const first = await call(sandbox, '/api/clients');
    expect((await call(sandbox, '/api/clients?page=2')).envelope.data).toEqual(first.envelope.data);
    expect((await call(sandbox, '/api/clients?page=nope')).response.status).toBe(200);
  });

  it('creates a client from a JSON object with the required fields', async () => {
    const sandbox = sandboxWith({ clients: 3 });
    const body = JSON.stringify({ first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com' });
    const created = await call(sandbox, '/api/clients/create', { method: 'POST', body });
    expect(created.envelope).toMatchObject({
      status: 200,
      msg: 'Client created',
      data: { id: 4, account: 'ACC-000004', first_name: 'Jane', email: 'jane@example.com' },
    });
    expect(sandbox.data.clients).toHaveLength(4);
    const missing = await call(sandbox, '/api/clients/create', { method: 'POST', body: '{"email": 1}' });
    expect(missing.response.status).toBe(400);
    expect(missing.envelope.msg).toBe('Missing fields: first_name, last_name, email');
    for (const notAnObject of ['[1]', 'null', '{"first_name": ']) {
      const refused = await call(sandbox, '/api/clients/create', { method: 'POST', body: notAnObject });
      expect(refused.response.status).toBe(400);
      expect(refused.envelope.msg).toBe('The body must be a JSON object');
    }
  });
});

describe('inventory', () => {
  it('lists, filters and finds products', async () => {
    const sandbox = sandboxWith();
    const [product] = sandbox.data.products;
    if (!product) throw new Error('no seeded product');
    expect((await call(sandbox, `/api/inventory/products?product_id=${product.id}`)).envelope.data).toEqual(
      product,
    );
    const missing = await call(sandbox, '/api/inventory/products?product_id=0');
    expect(missing.envelope).toMatchObject({ status: 404, msg: 'Product 0 not found' });
    const inCategory = (await call(sandbox, `/api/inventory/products?category_id=${product.category_id}`))
      .envelope.data as { category_id: number }[];
    expect(inCategory.length).toBeGreaterThan(0);
    expect(inCategory.every((candidate) => candidate.category_id === product.category_id)).toBe(true);
  });

  it('answers a category with its subcategories, and requires category_id', async () => {
    const sandbox = sandboxWith({
      categories: [
        { id: 1, name: 'Tools', category_type: 'product', parent_category_id: null },
        { id: 2, name: 'Saws', category_type: 'product', parent_category_id: 1 },
      ],
      products: [],
    });
    expect((await call(sandbox, '/api/inventory/categories?category_id=1')).envelope.data).toEqual({
      id: 1,
      name: 'Tools',
      category_type: 'product',
      parent_category_id: null,
      subcategories: [{ id: 2, name: 'Saws', category_type: 'product', parent_category_id: 1 }],
    });
    expect((await call(sandbox, '/api/inventory/categories')).envelope).toMatchObject({
      status: 400,
      msg: 'category_id is required',
    });
    expect((await call(sandbox, '/api/inventory/categories?category_id=7')).envelope).toMatchObject({
      status: 404,
      msg: 'Category 7 not found',
    });
  });
});

describe('sales', () => {
  it('creates a sale with items and finds it again', async () => {
    // Fixed, and near the signer's clock so that the signature's timestamp stays in range.
    const time = Date.now();
    const sandbox = sandboxWith({ now: () => time });
    const created = await call(sandbox, '/api/transactions/sale/create', {
      method: 'POST',
      body: JSON.stringify({ client_id: 1, items: [{ product_id: 1, quantity: 2 }] }),
    });
    expect(created.envelope).toMatchObject({
      status: 200,
      msg: 'Sale created',
      data: { id: 1, client_id: 1, created_on: new Date(time).toISOString() },
    });
    expect((await call(sandbox, '/api/transactions/sale?sale_id=1')).envelope.data).toEqual(
      created.envelope.data,
    );
    expect((await call(sandbox, '/api/transactions/sale?sale_id=2')).envelope).toMatchObject({
      status: 404,
      msg: 'Sale 2 not found',
    });
    expect((await call(sandbox, '/api/transactions/sale')).envelope.msg).toBe('sale_id is required');
  });

  it('refuses a sale without items or without a JSON object body', async () => {
    const sandbox = sandboxWith();
    const path = '/api/transactions/sale/create';
    const empty = await call(sandbox, path, { method: 'POST', body: '{"items": []}' });
    expect(empty.envelope).toMatchObject({ status: 400, msg: 'items must be a non-empty array' });
    const text = await call(sandbox, path, { method: 'POST', body: 'items' });
    expect(text.envelope).toMatchObject({ status: 400, msg: 'The body must be a JSON object' });
    expect(sandbox.data.sales).toEqual([]);
  });
});

describe('routing and faults', () => {
  it('answers unknown routes with a 404 envelope and injected faults in the envelope', async () => {
    const sandbox = sandboxWith();
    const unknown = await call(sandbox, '/api/nothing-here');
    expect(unknown.envelope).toEqual({
      status: 404,
      response: false,
      data: null,
      msg: 'No route for GET /api/nothing-here',
    });
    sandbox.injectFault({ kind: 'status', status: 503, route: 'GET /api/clients' });
    const failed = await call(sandbox, '/api/clients');
    expect(failed.envelope).toMatchObject({ status: 503, response: false, data: null });
    expect(sandbox.stats.count('GET /api/clients', 503)).toBe(1);
  });
});
