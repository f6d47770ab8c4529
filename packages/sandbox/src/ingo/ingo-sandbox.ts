import { ConfigurationError } from '@bridgekit/errors';
import type { FaultConfig } from '../server/faults.js';
import { assertFunction, assertNumber, assertObject, assertText } from '../server/option-checks.js';
import { createSandboxServer, type Sandbox } from '../server/sandbox-server.js';
import { createSeededRandom } from '../server/seeded-random.js';
import { AccessTokenRegistry } from './access-tokens.js';
import { DupexLedger } from './dupex-ledger.js';
import { registerIngoApiRoutes } from './ingo-api-routes.js';
import { ingoSandboxScopes } from './ingo-scopes.js';
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

const optionKeys = [
  'clients',
  'tokenTtlSeconds',
  'expiryToleranceSeconds',
  'invalidClientStatus',
  'now',
  'seed',
  'issuer',
  'faults',
] as const;

function requireOptions(value: unknown): asserts value is IngoSandboxOptions {
  const options = assertObject(value, 'options', optionKeys);
  const clients = options['clients'];
  if (!Array.isArray(clients) || clients.length === 0) {
    throw new ConfigurationError({
      option: 'clients',
      expected: 'a non-empty array of {clientId, clientSecret, scopes}',
      received: clients,
    });
  }
  clients.forEach((client: unknown, index) => {
    const { clientId, clientSecret, scopes } = assertObject(client, `clients[${index}]`, [
      'clientId',
      'clientSecret',
      'scopes',
    ]);
    assertText(clientId, `clients[${index}].clientId`);
    assertText(clientSecret, `clients[${index}].clientSecret`);
    if (!Array.isArray(scopes)) {
      throw new ConfigurationError({
        option: `clients[${index}].scopes`,
        expected: 'an array of scopes',
        received: scopes,
      });
    }
  });
  assertNumber(options['tokenTtlSeconds'], 'tokenTtlSeconds', 0.001, 31_536_000, false);
  assertNumber(options['expiryToleranceSeconds'], 'expiryToleranceSeconds', 0, 86_400, false);
  if (![undefined, 400, 401].includes(options['invalidClientStatus'] as number | undefined)) {
    throw new ConfigurationError({
      option: 'invalidClientStatus',
      expected: '400 or 401',
      received: options['invalidClientStatus'],
    });
  }
  assertFunction(options['now'], 'now');
  assertNumber(options['seed'], 'seed', 0, 2 ** 31 - 1);
  if (options['issuer'] !== undefined) assertText(options['issuer'], 'issuer');
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
  const registry = new AccessTokenRegistry(
    createSeededRandom(seed ^ 0x70ce_0000),
    options.issuer ?? 'https://auth-sandbox.ingo.test',
  );
  const nextTraceId = createTraceIds(seed);
  const tokenContext = {
    clients: new Map(options.clients.map((client) => [client.clientId, client])),
    knownScopes: new Set<string>([
      ...Object.values(ingoSandboxScopes),
      ...options.clients.flatMap((client) => client.scopes),
    ]),
    registry,
    now,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    invalidClientStatus: options.invalidClientStatus ?? 400,
  };
  const apiSettings = {
    registry,
    now,
    toleranceMs: (options.expiryToleranceSeconds ?? 0) * 1000,
    nextTraceId,
    seed,
    ledger: new DupexLedger(seed),
  };

  const sandbox = createSandboxServer({
    random: createSeededRandom(seed),
    faults: options.faults,
    errorResponse: (status, message) => problemResponse({ status, detail: message, traceId: nextTraceId() }),
    routes(app) {
      app.all('/connect/token', (context) => handleTokenRequest(context.req.raw, tokenContext));
      registerIngoApiRoutes(app, apiSettings);
    },
  });

  // defineProperties, not Object.assign: assign would copy the counter's value once instead of the getter.
  return Object.defineProperties(sandbox, {
    issuedTokens: { get: () => registry.issued, enumerable: true },
    revokeTokens: { value: () => registry.revokeAll(), enumerable: true },
  }) as IngoSandbox;
}
