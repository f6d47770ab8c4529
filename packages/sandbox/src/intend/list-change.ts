import type { MiddlewareHandler } from 'hono';
import { assertNumber, assertObject } from '../server/option-checks.js';
import type { SandboxClient } from './seed-data.js';

/**
A change to the client list while a client reads it, as another user of the tenant would make:
records inserted or deleted before the reader's position shift every later page by one.
*/
export interface ListChange {
  /** Let this many `GET /api/clients` requests through first. @default 0 */
  readonly after?: number;
  /** Fresh clients (new ids) to insert at `at`. @default 0 */
  readonly insert?: number;
  /** Clients to delete from `at` on. @default 0 */
  readonly remove?: number;
  /** The position in the list (0 is the first record). @default 0 */
  readonly at?: number;
}

/** @internal Queued list changes, applied by a middleware before the request that is due answers. */
export function createListChanges(
  clients: SandboxClient[],
  newClient: () => SandboxClient,
): { readonly inject: (change: ListChange) => void; readonly middleware: MiddlewareHandler } {
  const queue: Array<{ skip: number; readonly change: ListChange }> = [];
  const apply = ({ insert = 0, remove = 0, at = 0 }: ListChange) => {
    let nextId = Math.max(0, ...clients.map((client) => client.id)) + 1;
    const added = Array.from({ length: insert }, () => ({ ...newClient(), id: nextId++ }));
    clients.splice(at, remove, ...added);
  };
  const middleware: MiddlewareHandler = async (context, next) => {
    if (context.req.method === 'GET') {
      for (const queued of [...queue]) {
        if (queued.skip > 0) queued.skip -= 1;
        else {
          queue.splice(queue.indexOf(queued), 1);
          apply(queued.change);
        }
      }
    }
    await next();
  };
  const inject = (change: ListChange) => {
    const given = assertObject(change, 'change', ['after', 'insert', 'remove', 'at']);
    for (const name of ['after', 'insert', 'remove', 'at'])
      assertNumber(given[name], `change.${name}`, 0, 1_000_000);
    queue.push({ skip: change.after ?? 0, change });
  };
  return { inject, middleware };
}
