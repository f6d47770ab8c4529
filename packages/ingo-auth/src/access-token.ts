import { describeValue, ResponseFormatError, Secret } from '@bridgekit/errors';
import { parseJsonObject } from '@bridgekit/http';

/**
An access token and what the manager knows about it. `JSON.stringify`, `String()` and
`util.inspect` show `accessToken` as `[REDACTED]`; `accessToken.reveal()` returns it.
*/
export interface AccessToken {
  /** The token. Call `.reveal()` only where it must be sent. */
  readonly accessToken: Secret;
  /** Always `'Bearer'`: the server's spelling (`bearer`, `BEARER`) is normalised. */
  readonly tokenType: 'Bearer';
  /** When the token stops being valid, in epoch milliseconds on the manager's clock (`now`). */
  readonly expiresAt: number;
  /** When the token request was sent, in epoch milliseconds on the manager's clock. */
  readonly issuedAt: number;
  /** The granted scopes, space-separated (the requested ones when the server does not say). */
  readonly scope: string;
}

/** @internal What is known about the exchange that produced a token response. */
export interface TokenExchange {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** Manager clock when the request was sent. */
  readonly startedAt: number;
  /** Manager clock when the response headers arrived. */
  readonly receivedAt: number;
  readonly requestedScope: string;
}

/** @internal A parsed token and the server's clock offset, when its `Date` header told it. */
export interface ParsedToken {
  readonly token: AccessToken;
  /** Server clock minus manager clock, in milliseconds; undefined without a `Date` header. */
  readonly clockSkew: number | undefined;
}

/**
The longest a token is kept, whatever `expires_in` says: a day. IdentityServer issues hours; a
server that says `1e308` must not have its token cached for ever.
*/
const longestLifetimeSeconds = 86_400;

function expiresInSeconds(value: unknown): number | undefined {
  // Some servers send `"3600"`: numeric strings are accepted, anything else is not.
  const number = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number) || number <= 0) return undefined;
  return Math.min(number, longestLifetimeSeconds);
}

/** The `exp` claim of a JWT-shaped token, in epoch seconds; undefined for opaque tokens. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || token.split('.').length !== 3) return undefined;
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp =
      typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>)['exp'] : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
@internal Validates a 200 token response (RFC 6749 section 5.1) and computes when the token
expires on the manager's clock.

`expires_in` is counted from when the request was sent, so network time only shortens the
token's life. A JWT's `exp` claim is an absolute time on the server's clock: the `Date` header
converts it to the manager's clock, so a skewed local clock neither keeps a dead token nor
throws away a live one; `exp` can only bring `expiresAt` earlier, never later.
*/
export function readTokenResponse(text: string, exchange: TokenExchange): ParsedToken {
  const where = { status: exchange.status, method: 'POST', url: exchange.url } as const;
  const fields = parseJsonObject(text, where, 'a JSON object');

  const accessToken = fields['access_token'];
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw new ResponseFormatError({
      ...where,
      field: 'access_token',
      expected: 'a non-empty string',
      received: describeValue(accessToken),
    });
  }
  const tokenType = fields['token_type'];
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    // A token type is a short scheme name, never a secret, and naming it (`DPoP`, `MAC`) helps.
    const shown =
      typeof tokenType === 'string' && /^[A-Za-z-]{1,20}$/.test(tokenType)
        ? `'${tokenType}'`
        : describeValue(tokenType);
    throw new ResponseFormatError({
      ...where,
      field: 'token_type',
      expected: "'Bearer' (in any case)",
      received: shown,
    });
  }
  const expiresIn = expiresInSeconds(fields['expires_in']);
  if (expiresIn === undefined) {
    const value = fields['expires_in'];
    throw new ResponseFormatError({
      ...where,
      field: 'expires_in',
      expected: 'a positive number of seconds (or a numeric string)',
      received: typeof value === 'number' ? String(value) : describeValue(value),
    });
  }
  const scope =
    typeof fields['scope'] === 'string' && fields['scope'].length > 0
      ? fields['scope']
      : exchange.requestedScope;

  const serverDate = Date.parse(exchange.headers.get('date') ?? '');
  const clockSkew = Number.isFinite(serverDate) ? serverDate - exchange.receivedAt : undefined;
  let expiresAt = exchange.startedAt + expiresIn * 1000;
  const exp = jwtExpiry(accessToken);
  if (exp !== undefined) {
    const expOnLocalClock = exp * 1000 - (clockSkew ?? 0);
    // An `exp` already past on our clock means the clocks disagree beyond repair: trust `expires_in`.
    if (expOnLocalClock > exchange.receivedAt) expiresAt = Math.min(expiresAt, expOnLocalClock);
  }
  return { token: bearerToken(accessToken, expiresAt, exchange.startedAt, scope), clockSkew };
}

/** @internal A frozen `AccessToken`: what the manager hands out, from the server or from a store. */
export function bearerToken(text: string, expiresAt: number, issuedAt: number, scope: string): AccessToken {
  return Object.freeze({ accessToken: new Secret(text), tokenType: 'Bearer', expiresAt, issuedAt, scope });
}
