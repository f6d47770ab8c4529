import type { SandboxApp } from '../server/sandbox-server.js';
import { intendEnvelope } from './intend-envelope.js';
import { intendJsonBody } from './intend-json-body.js';
import { findById, recordNotFound } from './record-lookup.js';

/** @internal What the sale endpoints serve from. */
export interface SaleRouteSettings {
  /** The live records; created sales are appended. */
  readonly sales: Record<string, unknown>[];
  /** The clock that dates created sales, epoch milliseconds. */
  readonly now: () => number;
}

/**
@internal Registers `GET /api/transactions/sale` (`sale_id` required) and
`POST /api/transactions/sale/create` (a non-empty `items` array required).
*/
export function registerSaleRoutes(app: SandboxApp, settings: SaleRouteSettings): void {
  const { sales } = settings;
  app.get('/api/transactions/sale', (context) => {
    const saleId = context.req.query('sale_id');
    if (saleId === undefined) return intendEnvelope(400, null, 'sale_id is required');
    const sale = findById(sales, saleId);
    return sale ? intendEnvelope(200, sale) : recordNotFound('Sale', saleId);
  });

  app.post('/api/transactions/sale/create', intendJsonBody, (context) => {
    const body = context.var.jsonBody;
    if (!Array.isArray(body['items']) || body['items'].length === 0) {
      return intendEnvelope(400, null, 'items must be a non-empty array');
    }
    const sale = { ...body, id: sales.length + 1, created_on: new Date(settings.now()).toISOString() };
    sales.push(sale);
    return intendEnvelope(200, sale, 'Sale created');
  });
}
