import type { SandboxApp } from '../server/sandbox-server.js';
import { intendEnvelope } from './intend-envelope.js';
import type { Paginate } from './pagination.js';
import { findById, oneOrPage, recordNotFound } from './record-lookup.js';
import type { SandboxCategory, SandboxProduct } from './seed-data.js';

/** @internal What the inventory endpoints serve from. */
export interface InventoryRouteSettings {
  readonly products: readonly SandboxProduct[];
  readonly categories: readonly SandboxCategory[];
  readonly paginate: Paginate;
}

/**
@internal Registers `GET /api/inventory/products` (`product_id`, `category_id`, `page`) and
`GET /api/inventory/categories` (`category_id` required; answered with its subcategories).
*/
export function registerInventoryRoutes(app: SandboxApp, settings: InventoryRouteSettings): void {
  const { products, categories } = settings;
  app.get('/api/inventory/products', (context) => {
    const categoryId = context.req.query('category_id');
    return oneOrPage(context, settings.paginate, {
      id: context.req.query('product_id'),
      noun: 'Product',
      records: products,
      matches: (product) => categoryId === undefined || String(product.category_id) === categoryId,
    });
  });

  app.get('/api/inventory/categories', (context) => {
    const categoryId = context.req.query('category_id');
    if (categoryId === undefined) return intendEnvelope(400, null, 'category_id is required');
    const category = findById(categories, categoryId);
    if (!category) return recordNotFound('Category', categoryId);
    return intendEnvelope(200, {
      ...category,
      subcategories: categories.filter((candidate) => candidate.parent_category_id === category.id),
    });
  });
}
