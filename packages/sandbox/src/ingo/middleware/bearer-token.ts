import type { MiddlewareHandler } from 'hono';
import type { AccessTokenRegistry, InvalidToken, IssuedToken } from '../access-tokens.js';
import { problemResponse } from '../problem-details.js';

/** @internal What {@link bearerToken} hands the handlers after it. */
export type BearerTokenEnv = {
  Variables: {
    /** The token that authenticated the request. */
    token: IssuedToken;
    /** The sandbox clock when the token was checked, so that the answer dates from the same instant. */
    requestTime: number;
  };
};

/** @internal What {@link bearerToken} checks tokens against. */
export interface BearerTokenSettings {
  readonly registry: AccessTokenRegistry;
  readonly now: () => number;
  /** How long past `exp` a token is still accepted, in milliseconds. */
  readonly toleranceMs: number;
  readonly nextTraceId: () => string;
}

const invalidTokenText: Readonly<Record<InvalidToken, string>> = {
  missing: 'no bearer token was sent',
  unknown: 'the access token is not one this server issued',
  revoked: 'the access token was revoked',
  expired: 'the access token expired',
};

/**
@internal Middleware that requires `Authorization: Bearer` with a token the sandbox issued and
that has not expired on its clock; otherwise 401 problem details with an RFC 6750 challenge
(`error="invalid_token"` only when a token was sent).
*/
export function bearerToken(settings: BearerTokenSettings): MiddlewareHandler<BearerTokenEnv> {
  return async (context, next) => {
    const requestTime = settings.now();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(context.req.header('authorization') ?? '')?.[1];
    const verdict = settings.registry.authenticate(bearer, requestTime, settings.toleranceMs);
    if (typeof verdict === 'string') {
      const text = invalidTokenText[verdict];
      return problemResponse(
        {
          status: 401,
          detail: `Authorization failure: ${text}.`,
          instance: context.req.path,
          traceId: settings.nextTraceId(),
        },
        {
          'www-authenticate':
            verdict === 'missing' ? 'Bearer' : `Bearer error="invalid_token", error_description="${text}"`,
        },
      );
    }
    context.set('token', verdict);
    context.set('requestTime', requestTime);
    await next();
    return undefined;
  };
}
