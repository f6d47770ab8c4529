import type { Context } from 'hono';
import type { SandboxApp } from '../server/sandbox-server.js';
import { intendEnvelope } from './intend-envelope.js';
import { intendJsonBody } from './intend-json-body.js';
import type { Paginate } from './pagination.js';
import { oneOrPage } from './record-lookup.js';
import type { SandboxClient } from './seed-data.js';

/** @internal What the client endpoints serve from. */
export interface ClientRouteSettings {
  /** The live records; created clients are appended. */
  readonly clients: SandboxClient[];
  readonly paginate: Paginate;
  /** A fresh seeded record whose fields a created client does not set. */
  readonly newClient: () => SandboxClient;
}

const requiredFields = ['first_name', 'last_name', 'email'] as const;

/**
@internal Registers `GET /api/clients` (also `/api/clients/get`: `client_id`, `client_type`,
`department`, `page`) and `POST /api/clients/create`.
*/
export function registerClientRoutes(app: SandboxApp, settings: ClientRouteSettings): void {
  const { clients } = settings;
  const listClients = (context: Context) => {
    const type = context.req.query('client_type');
    const department = context.req.query('department');
    return oneOrPage(context, settings.paginate, {
      id: context.req.query('client_id'),
      noun: 'Client',
      records: clients,
      matches: (client) =>
        (type === undefined || client.type.code === type) &&
        (department === undefined || client.department === department),
    });
  };
  app.get('/api/clients', listClients);
  app.get('/api/clients/get', listClients);

  app.post('/api/clients/create', intendJsonBody, (context) => {
    const body = context.var.jsonBody;
    const missing = requiredFields.filter((field) => typeof body[field] !== 'string');
    if (missing.length > 0) return intendEnvelope(400, null, `Missing fields: ${missing.join(', ')}`);
    const id = (clients.at(-1)?.id ?? 0) + 1;
    const client: SandboxClient = {
      ...settings.newClient(),
      ...body,
      id,
      account: `ACC-${String(id).padStart(6, '0')}`,
    };
    clients.push(client);
    return intendEnvelope(200, client, 'Client created');
  });
}
