import type { MiddlewareHandler } from 'hono';
import { problemResponse } from '../problem-details.js';
import type { BearerTokenEnv } from './bearer-token.js';

/**
@internal Middleware, after {@link bearerToken}, that requires the token to grant `scope`. RFC 6750
section 3.1: a valid token without the scope is forbidden (403), not unauthenticated, since a fresh
token would not help; the challenge names the scope.
*/
export function requiredScope(scope: string, nextTraceId: () => string): MiddlewareHandler<BearerTokenEnv> {
  return async (context, next) => {
    if (!context.var.token.scopes.includes(scope)) {
      return problemResponse(
        {
          status: 403,
          detail: 'Authorization failure: the access token does not grant the scope this API requires.',
          instance: context.req.path,
          traceId: nextTraceId(),
        },
        { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
      );
    }
    await next();
    return undefined;
  };
}
