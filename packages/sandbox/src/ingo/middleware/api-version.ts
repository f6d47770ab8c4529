import type { MiddlewareHandler } from 'hono';
import { problemResponse } from '../problem-details.js';

/**
@internal Middleware that checks the requested API version as ASP.NET API versioning does: from
the `apiVersion` header or query parameter (`1` and `1.0` are the same; none means 1). Two
different versions answer 400 `AmbiguousApiVersion`, another version 400 `UnsupportedApiVersion`.
*/
export function apiVersion(nextTraceId: () => string): MiddlewareHandler {
  return async (context, next) => {
    const requested = [context.req.header('apiVersion'), context.req.query('apiVersion')]
      .filter((version): version is string => version !== undefined && version.trim() !== '')
      .map((version) => version.trim().replace(/\.0$/, ''));
    const versions = [...new Set(requested)];
    if (versions.length > 1) {
      return problemResponse({
        status: 400,
        title: 'AmbiguousApiVersion',
        detail: `The following API versions were requested: ${versions.join(', ')}. At most, only a single API version may be specified. Please update the intended API version and retry the request.`,
        traceId: nextTraceId(),
      });
    }
    const version = versions[0] ?? '1';
    if (version !== '1') {
      return problemResponse({
        status: 400,
        title: 'UnsupportedApiVersion',
        detail: `The HTTP resource that matches the request URI '${context.req.url}' does not support the API version '${version}'.`,
        traceId: nextTraceId(),
      });
    }
    await next();
    return undefined;
  };
}
