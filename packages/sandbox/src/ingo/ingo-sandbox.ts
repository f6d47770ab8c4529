import { ConfigurationError } from '@bridgekit/errors';
import type { Context } from 'hono';
import type { FaultConfig } from '../server/faults.js';
import { createSandboxServer, type Sandbox } from '../server/sandbox-server.js';
import { createSeededRandom } from '../server/seeded-random.js';
import { AccessTokenRegistry, type IssuedToken, type TokenRejection } from './access-tokens.js';
import { DupexLedger } from './dupex-ledger.js';
import { ingoSandboxScopes } from './ingo-scopes.js';
import { normalize, randomFor, scoreGroup } from './ingo-scores.js';
import {
  isJsonObject,
  type ValidationErrors,
  validateCheckMakerScoreRequest,
  validateDupexInquiry,
  validateIdentityScoreRequest,
} from './ingo-validation.js';
import { createTraceIds, problemResponse } from './problem-details.js';
import { handleTokenRequest, type IngoSandboxClient } from './token-endpoint.js';

/** Options of {@link createIngoSandbox}. */
export interface IngoSandboxOptions {
  /**
  The clients the token endpoint accepts, with the scopes each may request.
  @example [{clientId: 'demo', clientSecret: 'demo-secret', scopes: Object.values(ingoSandboxScopes)}]
  */
  readonly clients: readonly IngoSandboxClient[];
  /**
  The `expires_in` of issued tokens, in seconds.
  @default 3600 (IdentityServer's default)
  @example 60
  */
  readonly tokenTtlSeconds?: number;
  /**
  How long after `exp` the APIs still accept a token, in seconds. ASP.NET APIs often allow 300;
  the sandbox allows none, so a client that leans on that leeway fails here first.
  @default 0
  @example 300
  */
  readonly expiryToleranceSeconds?: number;
  /**
  The status of `invalid_client` answers. IdentityServer sends 400; other servers send 401.
  @default 400
  @example 401
  */
  readonly invalidClientStatus?: 400 | 401;
  /**
  The sandbox's clock, epoch milliseconds: token issue, expiry and the `Date` header.
  @default Date.now
  @example () => clock.now()
  */
  readonly now?: () => number;
  /**
  Seeds scores, token ids, trace ids and the random faults.
  @default 1
  @example 42
  */
  readonly seed?: number;
  /**
  The `iss` claim of issued tokens.
  @default 'https://auth-sandbox.ingo.test'
  @example 'https://auth-uat.ingo.money'
  */
  readonly issuer?: string;
  /**
  Latency and failures to inject; none by default.
  @example {routes: {'POST /identity/score': {errorRate: 0.1}}}
  */
  readonly faults?: FaultConfig;
}

/** A sandbox that imitates Ingo's token endpoint (Duende IdentityServer) and its risk APIs. */
export interface IngoSandbox extends Sandbox {
  /** How many access tokens `/connect/token` has issued. */
  readonly issuedTokens: number;
  /** Makes every token issued so far invalid (as a signing key rotation would); returns how many. */
  revokeTokens(): number;
}

const rejectionText: Readonly<Record<TokenRejection, string>> = {
  missing: 'no bearer token was sent',
  unknown: 'the access token is not one this server issued',
  revoked: 'the access token was revoked',
  expired: 'the access token expired',
  insufficient_scope: 'the access token does not grant the scope this API requires',
};

function challenge(rejection: TokenRejection, scope: string): string {
  if (rejection === 'missing') return 'Bearer';
  if (rejection === 'insufficient_scope') return `Bearer error="insufficient_scope", scope="${scope}"`;
  return `Bearer error="invalid_token", error_description="${rejectionText[rejection]}"`;
}

function requireOptions(options: IngoSandboxOptions): void {
  if (!Array.isArray(options.clients) || options.clients.length === 0) {
    throw new ConfigurationError({
      option: 'clients',
      expected: 'a non-empty array of {clientId, clientSecret, scopes}',
      received: options.clients,
    });
  }
  const ttl = options.tokenTtlSeconds;
  if (ttl !== undefined && (!Number.isFinite(ttl) || ttl <= 0)) {
    throw new ConfigurationError({
      option: 'tokenTtlSeconds',
      expected: 'a positive number of seconds',
      received: ttl,
    });
  }
}

/**
Returns an Ingo-compatible sandbox: `POST /connect/token` behaves like Duende IdentityServer for
the client credentials grant (Basic or form-body client authentication, form-decoded Basic
credentials, RFC 6749 error bodies) and issues JWT-shaped opaque tokens; `POST /identity/score`,
`/check-maker/score` and `/dupex/inquiry` require a valid, unexpired Bearer token with their scope
and answer with scores derived from a hash of the request, or RFC 9457 problem details.

@example
```
const sandbox = createIngoSandbox({clients: [{clientId: 'demo', clientSecret: 'demo-secret', scopes: Object.values(ingoSandboxScopes)}]});
const {url, close} = await sandbox.listen();
```
*/
export function createIngoSandbox(options: IngoSandboxOptions): IngoSandbox {
  requireOptions(options);
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const toleranceMs = (options.expiryToleranceSeconds ?? 0) * 1000;
  const registry = new AccessTokenRegistry(
    createSeededRandom(seed ^ 0x70ce_0000),
    options.issuer ?? 'https://auth-sandbox.ingo.test',
  );
  const ledger = new DupexLedger(seed);
  const nextTraceId = createTraceIds(seed);
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const knownScopes = new Set<string>([
    ...Object.values(ingoSandboxScopes),
    ...options.clients.flatMap((client) => client.scopes),
  ]);
  const tokenContext = {
    clients,
    knownScopes,
    registry,
    now,
    tokenTtlSeconds,
    invalidClientStatus: options.invalidClientStatus ?? 400,
  };

  const inputValidationError = (instance: string, errors: ValidationErrors): Response =>
    problemResponse({
      status: 400,
      title: 'InputValidationError',
      detail: 'See the errors field for details.',
      instance,
      traceId: nextTraceId(),
      errors,
    });

  /** Authentication, API version, media type and body checks shared by every API. */
  const api =
    (
      scope: string,
      validate: (body: Record<string, unknown>) => ValidationErrors,
      answer: (body: Record<string, unknown>, token: IssuedToken, time: number) => unknown,
    ) =>
    async (context: Context): Promise<Response> => {
      const instance = context.req.path;
      const time = now();
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(context.req.header('authorization') ?? '')?.[1];
      const verdict = registry.verify(bearer, scope, time, toleranceMs);
      if (typeof verdict === 'string') {
        return problemResponse(
          {
            // RFC 6750 section 3.1: a valid token without the scope is forbidden, not unauthenticated.
            status: verdict === 'insufficient_scope' ? 403 : 401,
            detail: `Authorization failure: ${rejectionText[verdict]}.`,
            instance,
            traceId: nextTraceId(),
          },
          { 'www-authenticate': challenge(verdict, scope) },
        );
      }

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

      if (!/[/+]json\s*(;|$)/i.test(context.req.header('content-type') ?? '')) {
        return problemResponse({
          status: 415,
          detail: 'The request body must be JSON (Content-Type: application/json).',
          instance,
          traceId: nextTraceId(),
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(await context.req.text());
      } catch {
        body = undefined;
      }
      if (!isJsonObject(body))
        return inputValidationError(instance, { $: ['The request body must be a JSON object.'] });
      const errors = validate(body);
      if (Object.keys(errors).length > 0) return inputValidationError(instance, errors);
      return Response.json(answer(body, verdict, time), { status: 200 });
    };

  const identityScore = (
    body: Record<string, unknown>,
    _token: IssuedToken,
    time: number,
  ): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const identity = body['identity'];
    if (isJsonObject(identity)) {
      const key = normalize(identity['firstName'], identity['lastName'], identity['ssn'], identity['dob']);
      const group = scoreGroup(seed, 'identity', key, time);
      const matches = randomFor(seed, 'identity-match', key);
      result['identity'] = group && {
        firstNameMatch: matches() < 0.9,
        lastNameMatch: matches() < 0.9,
        ...group,
      };
    }
    const simple = ['emailAddress', 'mobileNumber', 'deviceId'] as const;
    for (const field of simple) {
      if (body[field] !== undefined && body[field] !== null)
        result[field] = scoreGroup(seed, field, normalize(body[field]), time);
    }
    const address = body['address'];
    if (isJsonObject(address)) {
      const key = normalize(
        address['line1'],
        address['line2'],
        address['city'],
        address['state'],
        address['zipCode'],
      );
      result['address'] = scoreGroup(seed, 'address', key, time);
    }
    const geoLocation = body['geoLocation'];
    if (isJsonObject(geoLocation)) {
      const key = [geoLocation['latitude'], geoLocation['longitude']]
        .map((value) => Number(value).toFixed(3))
        .join(',');
      result['geoLocation'] = scoreGroup(seed, 'geoLocation', key, time);
    }
    return result;
  };

  const checkMakerScore = (body: Record<string, unknown>, _token: IssuedToken, time: number): unknown =>
    scoreGroup(seed, 'checkMaker', normalize(body['aba'], body['accountNumber']), time) ?? {
      score: null,
      firstSeenOn: null,
      lastSeenOn: null,
    };

  const sandbox = createSandboxServer({
    random: createSeededRandom(seed),
    faults: options.faults,
    errorResponse: (status, message) => problemResponse({ status, detail: message, traceId: nextTraceId() }),
    routes(app) {
      app.all('/connect/token', (context) => handleTokenRequest(context.req.raw, tokenContext));
      const routes = [
        ['/identity/score', ingoSandboxScopes.identityScore, validateIdentityScoreRequest, identityScore],
        [
          '/check-maker/score',
          ingoSandboxScopes.checkMakerScore,
          validateCheckMakerScoreRequest,
          checkMakerScore,
        ],
        [
          '/dupex/inquiry',
          ingoSandboxScopes.dupexInquiry,
          validateDupexInquiry,
          (body: Record<string, unknown>, token: IssuedToken, time: number) =>
            ledger.inquire(token.clientId, body, time),
        ],
      ] as const;
      for (const [path, scope, validate, answer] of routes) {
        app.post(path, api(scope, validate, answer));
        app.all(path, (context) =>
          problemResponse(
            {
              status: 405,
              detail: `${context.req.method} is not allowed; use POST.`,
              instance: path,
              traceId: nextTraceId(),
            },
            { allow: 'POST' },
          ),
        );
      }
      app.all('*', (context) =>
        problemResponse({
          status: 404,
          detail: `Resource '${context.req.path}' not found.`,
          instance: context.req.path,
          traceId: nextTraceId(),
        }),
      );
    },
  });

  // defineProperties, not Object.assign: assign would copy the counter's value once instead of the getter.
  return Object.defineProperties(sandbox, {
    issuedTokens: { get: () => registry.issued, enumerable: true },
    revokeTokens: { value: () => registry.revokeAll(), enumerable: true },
  }) as IngoSandbox;
}
