import { timingSafeEqual } from 'node:crypto';
import type { AccessTokenRegistry } from './access-tokens.js';
import { splitScopes } from './ingo-scopes.js';

/** A client the sandbox's token endpoint accepts. */
export interface IngoSandboxClient {
  /** @example 'demo-client' */
  readonly clientId: string;
  /**
  Compared with the form-decoded secret the client sends, so special characters must be encoded.
  @example 'demo+secret:1'
  */
  readonly clientSecret: string;
  /**
  The scopes it may request; a request without `scope` gets all of them.
  @example [ingoSandboxScopes.identityScore]
  */
  readonly scopes: readonly string[];
}

/** @internal What the token endpoint needs from the sandbox. */
export interface TokenEndpointContext {
  readonly clients: ReadonlyMap<string, IngoSandboxClient>;
  readonly knownScopes: ReadonlySet<string>;
  readonly registry: AccessTokenRegistry;
  readonly now: () => number;
  readonly tokenTtlSeconds: number;
  readonly invalidClientStatus: 400 | 401;
}

type Credentials = { readonly clientId: string; readonly clientSecret: string | undefined };

// The grant types IdentityServer knows; others are extension grants it does not support here.
const knownGrantTypes: ReadonlySet<string> = new Set([
  'authorization_code',
  'client_credentials',
  'password',
  'refresh_token',
  'implicit',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:openid:params:grant-type:ciba',
  'urn:ietf:params:oauth:grant-type:token-exchange',
]);

const noStore = { 'cache-control': 'no-store, no-cache, max-age=0', pragma: 'no-cache' } as const;

function tokenError(
  status: number,
  error: string,
  description?: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(description === undefined ? { error } : { error, error_description: description }, {
    status,
    headers: { ...noStore, ...headers },
  });
}

/**
IdentityServer form-decodes both halves of the Basic credentials (RFC 6749 section 2.3.1), so a
secret holding `+`, `%` or `:` only matches when the client encoded it first.
*/
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function basicCredentials(header: string | undefined): Credentials | 'malformed' | undefined {
  const match = header === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return 'malformed';
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  return clientId === undefined || clientSecret === undefined ? 'malformed' : { clientId, clientSecret };
}

function secretsMatch(expected: string, given: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const givenBytes = Buffer.from(given, 'utf8');
  return expectedBytes.length === givenBytes.length && timingSafeEqual(expectedBytes, givenBytes);
}

/**
@internal Answers `/connect/token` the way Duende IdentityServer does for the client credentials
grant: client authentication first (Basic header, else form body), then the grant type, then the
scopes; every failure is an RFC 6749 section 5.2 body.
*/
export async function handleTokenRequest(request: Request, context: TokenEndpointContext): Promise<Response> {
  const contentType = request.headers.get('content-type') ?? '';
  if (request.method !== 'POST' || !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    return tokenError(400, 'invalid_request');
  }
  const form = new URLSearchParams(await request.text());

  const fromHeader = basicCredentials(request.headers.get('authorization') ?? undefined);
  const formClientId = form.get('client_id');
  const credentials: Credentials | 'malformed' | undefined =
    fromHeader ??
    (formClientId === null
      ? undefined
      : { clientId: formClientId, clientSecret: form.get('client_secret') ?? undefined });
  const client =
    credentials === undefined || credentials === 'malformed'
      ? undefined
      : context.clients.get(credentials.clientId);
  if (
    !client ||
    credentials === undefined ||
    credentials === 'malformed' ||
    credentials.clientSecret === undefined ||
    !secretsMatch(client.clientSecret, credentials.clientSecret)
  ) {
    const challenge: Record<string, string> =
      context.invalidClientStatus === 401 ? { 'www-authenticate': 'Basic realm="ingo-sandbox"' } : {};
    return tokenError(context.invalidClientStatus, 'invalid_client', undefined, challenge);
  }

  const grantType = form.get('grant_type');
  if (grantType === null || grantType.length === 0 || !knownGrantTypes.has(grantType)) {
    return tokenError(400, 'unsupported_grant_type');
  }
  if (grantType !== 'client_credentials') return tokenError(400, 'unauthorized_client');

  // Like IdentityServer, a request without scopes gets every scope the client is allowed.
  const named = splitScopes(form.get('scope') ?? '');
  const requested = named.length > 0 ? named : [...client.scopes];
  if (requested.length === 0) return tokenError(400, 'invalid_scope');
  const refused = requested.filter(
    (scope) => !context.knownScopes.has(scope) || !client.scopes.includes(scope),
  );
  if (refused.length > 0) return tokenError(400, 'invalid_scope');

  const now = context.now();
  const accessToken = context.registry.issue(client.clientId, requested, now, context.tokenTtlSeconds);
  return Response.json(
    {
      access_token: accessToken,
      expires_in: context.tokenTtlSeconds,
      token_type: 'Bearer',
      scope: requested.join(' '),
    },
    { status: 200, headers: { ...noStore, date: new Date(now).toUTCString() } },
  );
}
