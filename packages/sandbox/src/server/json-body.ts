import type { Context, MiddlewareHandler } from 'hono';

/** A parsed JSON body that is an object (not an array, `null` or a primitive). */
export type JsonObject = Record<string, unknown>;

/** @internal What {@link jsonObjectBody} hands the handlers after it. */
export type JsonBodyEnv = { Variables: { jsonBody: JsonObject } };

/** @internal Whether a parsed value is a JSON object (not an array or null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
@internal Middleware that reads the request body as a JSON object and hands it on as
`context.var.jsonBody`. A body that is not JSON, or JSON that is not an object, gets `refuse`'s
answer instead, in the API's own error shape. Both sandboxes read bodies this way, so a body one
accepts the other parses the same.
*/
export function jsonObjectBody(refuse: (context: Context) => Response): MiddlewareHandler<JsonBodyEnv> {
  return async (context, next) => {
    let body: unknown;
    try {
      body = await context.req.json();
    } catch {
      body = undefined;
    }
    if (!isJsonObject(body)) return refuse(context);
    context.set('jsonBody', body);
    await next();
    return undefined;
  };
}
