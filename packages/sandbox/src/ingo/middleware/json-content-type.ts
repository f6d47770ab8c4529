import type { MiddlewareHandler } from 'hono';
import { problemResponse } from '../problem-details.js';

/**
@internal Middleware that requires a JSON media type (`application/json`, or any `+json` type)
and answers 415 problem details otherwise, before the body is read.
*/
export function jsonContentType(nextTraceId: () => string): MiddlewareHandler {
  return async (context, next) => {
    if (!/[/+]json\s*(;|$)/i.test(context.req.header('content-type') ?? '')) {
      return problemResponse({
        status: 415,
        detail: 'The request body must be JSON (Content-Type: application/json).',
        instance: context.req.path,
        traceId: nextTraceId(),
      });
    }
    await next();
    return undefined;
  };
}
