import {
  createIngoClient,
  createMemoryTokenStore,
  createTokenManager,
  type IngoClient,
  type TokenManager,
  type TokenStore,
} from '@bridgekit/ingo-auth';
import { createIngoSandbox, ingoSandboxScopes } from '@bridgekit/sandbox';
import {
  asyncCase,
  expectReturns,
  expectSettles,
  kyOptions,
  type OptionSpec,
  optionCases,
  syncCase,
} from './support/hostile-cases.js';
import type { HostileCase } from './support/hostile-check.js';
import { type HostileGroup, hostileGroupTests } from './support/hostile-group-test.js';
import { ingoSandboxClient } from './support/ingo-setup.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { credentials, tokenCapturingFetch } from './support/secrets.js';

const sandbox = createIngoSandbox({
  clients: [ingoSandboxClient],
});
const sandboxFetch = tokenCapturingFetch(sandbox.fetch);

/** A memory store as a plain object, so that one of its methods can be swapped for a hostile value. */
function plainStore(): Record<string, unknown> {
  const store = createMemoryTokenStore();
  return {
    get: (key: string) => store.get(key),
    set: (key: string, token: never, ttlMs: number) => store.set(key, token, ttlMs),
    lock: (key: string, ttlMs: number) => store.lock?.(key, ttlMs),
    delete: (key: string, token: never) => store.delete?.(key, token),
  };
}

const managerOptions = () => ({
  tokenUrl: 'http://127.0.0.1:1/connect/token',
  clientId: credentials.ingoClientId,
  clientSecret: credentials.ingoClientSecret,
  scope: ingoSandboxScopes.identityScore,
  fetch: sandboxFetch,
  timeout: 300,
  retry: { limit: 0, cooldown: 0 },
});
const tokens = createTokenManager(managerOptions());
const tokenSource = () => ({
  getToken: (options?: object) => tokens.getToken(options),
  invalidate: (token: string) => tokens.invalidate(token),
});
const clientOptions = () => ({
  tokens: tokenSource(),
  baseUrl: 'http://127.0.0.1:1',
  fetch: sandbox.fetch,
  timeout: 300,
  retry: 0,
});
const ingo = createIngoClient(clientOptions());

const identity = { emailAddress: 'jane@example.com' };
const check = { aba: '011000015', accountNumber: '123456789' };
const dupex = {
  checkNumber: '1001',
  accountNumber: '123456789',
  aba: '011000015',
  micr: 'c1001c a011000015a 123456789c',
  amountInCents: 1250,
  reason: 'deposit',
};

// A store whose lock() never grants makes a caller wait up to two lock lifetimes (timeout +
// storeTimeout each) for the holder it believes in, as documented, before fetching itself.
const managerDeadlineMs = 3000;

async function exerciseManager(manager: TokenManager): Promise<void> {
  await expectSettles('getToken()', () => manager.getToken(), managerDeadlineMs);
  await expectSettles('getAuthorizationHeader()', () => manager.getAuthorizationHeader(), managerDeadlineMs);
  await expectReturns('invalidate(token)', () => manager.invalidate('not-the-token'));
  await expectReturns('stats', () => manager.stats);
}

async function exerciseClient(client: IngoClient): Promise<void> {
  await expectSettles('identityScore()', () => client.identityScore(identity));
  await expectSettles('checkMakerScore()', () => client.checkMakerScore(check));
  await expectSettles('dupexInquiry()', () => client.dupexInquiry(dupex as never));
}

const retry = { limit: 0, cooldown: 0 };
const managerSpecs = [
  [],
  ['environment'],
  ['tokenUrl'],
  ['clientId'],
  ['clientSecret'],
  ['scope'],
  ['authMethod'],
  ['refreshAhead'],
  ['refreshJitter'],
  ['retry'],
  ['retry', 'limit'],
  ['retry', 'cooldown'],
  ['retry', 'backoffLimit'],
  ['retry', 'delay'],
  ['retry', 'jitter'],
  ['retry', 'shouldRetry'],
  ['timeout'],
  ['fetch'],
  ['now'],
  ['random'],
  ['userAgent'],
  ['onTokenFetched'],
  ['onTokenError'],
  ['onStoreError'],
  ['storeTimeout'],
  ['storeCheckInterval'],
  ['store'],
  ...['get', 'set', 'lock', 'delete'].map((method) => ({
    path: ['store', method],
    base: () => ({ store: plainStore(), retry, timeout: 100, storeTimeout: 50 }),
  })),
] as const;

const clientSpecs: readonly OptionSpec[] = [
  [],
  ['tokens'],
  ['tokens', 'getToken'],
  ['tokens', 'invalidate'],
  ['environment'],
  ['baseUrl'],
  ['endpoints'],
  ['endpoints', 'identityScore'],
  ['apiVersion'],
  ['scope'],
  ['scopes'],
  ['scopes', 'identityScore'],
  ...kyOptions,
];

function storeCases(): HostileCase[] {
  const store = createMemoryTokenStore();
  const token = {
    accessToken: { reveal: () => 'token-value-1' },
    tokenType: 'Bearer',
    expiresAt: Date.now() + 60_000,
    issuedAt: Date.now(),
    scope: 's',
  };
  // The store's methods may answer synchronously or asynchronously: either way, only BridgekitErrors.
  const either = (name: string, call: (value: unknown) => unknown): HostileCase => ({
    name,
    async run(value) {
      const returned = await expectReturns(name, () => call(value));
      if (typeof (returned as Promise<unknown> | undefined)?.then === 'function')
        await expectSettles(name, () => returned);
    },
  });
  const typed = store as TokenStore & Record<string, (...parts: unknown[]) => unknown>;
  return [
    syncCase('createMemoryTokenStore(options)', (value) => createMemoryTokenStore(value as never)),
    syncCase('createMemoryTokenStore({now})', (value) =>
      createMemoryTokenStore({ now: value as () => number }),
    ),
    either('store.get(key)', (value) => typed.get(value as string)),
    either('store.set(key, token, ttl)', (value) => typed.set(value as string, token as never, 1000)),
    either('store.set("k", token, ttl)', (value) => typed.set('k', value as never, 1000)),
    either('store.set("k", token, ttlMs)', (value) => typed.set('k', token as never, value as number)),
    either('store.lock(key, ttlMs)', (value) => typed.lock?.(value as string, 1000)),
    either('store.lock("k", ttlMs)', (value) => typed.lock?.('k', value as number)),
    either('store.delete("k", token)', (value) => typed.delete?.('k', value as never)),
  ];
}

const groups: readonly HostileGroup[] = [
  [
    'createTokenManager: every option',
    () =>
      optionCases(
        'createTokenManager',
        createTokenManager as (options: unknown) => TokenManager,
        managerOptions,
        managerSpecs,
        exerciseManager,
      ),
  ],
  [
    'getToken, getAuthorizationHeader, invalidate',
    () => [
      asyncCase('getToken(options)', (value) => tokens.getToken(value as object)),
      asyncCase('getToken({scope})', (value) => tokens.getToken({ scope: value as string })),
      asyncCase('getToken({signal})', (value) => tokens.getToken({ signal: value as AbortSignal })),
      asyncCase('getToken({forceRefresh})', (value) => tokens.getToken({ forceRefresh: value as boolean })),
      asyncCase('getAuthorizationHeader(options)', (value) => tokens.getAuthorizationHeader(value as object)),
      syncCase('invalidate(token)', (value) => tokens.invalidate(value as string)),
    ],
  ],
  [
    'createIngoClient: every option',
    () =>
      optionCases(
        'createIngoClient',
        createIngoClient as (options: unknown) => IngoClient,
        clientOptions,
        clientSpecs,
        exerciseClient,
      ),
  ],
  [
    'identityScore, checkMakerScore, dupexInquiry',
    () => [
      asyncCase('identityScore(request)', (value) => ingo.identityScore(value as never)),
      asyncCase('identityScore({identity})', (value) => ingo.identityScore({ identity: value } as never)),
      asyncCase('identityScore({emailAddress})', (value) =>
        ingo.identityScore({ emailAddress: value } as never),
      ),
      asyncCase('identityScore(request, options)', (value) => ingo.identityScore(identity, value as object)),
      asyncCase('identityScore(request, {signal})', (value) =>
        ingo.identityScore(identity, { signal: value as AbortSignal }),
      ),
      asyncCase('checkMakerScore(request)', (value) => ingo.checkMakerScore(value as never)),
      asyncCase('checkMakerScore({aba})', (value) => ingo.checkMakerScore({ ...check, aba: value } as never)),
      asyncCase('checkMakerScore(request, options)', (value) => ingo.checkMakerScore(check, value as object)),
      asyncCase('dupexInquiry(request)', (value) => ingo.dupexInquiry(value as never)),
      asyncCase('dupexInquiry({amountInCents})', (value) =>
        ingo.dupexInquiry({ ...dupex, amountInCents: value } as never),
      ),
      asyncCase('dupexInquiry(request, options)', (value) =>
        ingo.dupexInquiry(dupex as never, value as object),
      ),
    ],
  ],
  ['createMemoryTokenStore and its methods', storeCases],
];

hostileGroupTests('Ingo', groups);

leakAuditTest('hostile input, Ingo');
