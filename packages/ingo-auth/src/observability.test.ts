import { execFile } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger, type TracedEvents, traceEvents } from '../../../testing/observers.js';
import { createIngoClient } from './ingo-client.js';
import { ingoScopes } from './ingo-environment.js';
import {
  allScopes,
  createClock,
  deferred,
  identityRequest,
  ingoSandbox,
  sandboxBaseUrl,
} from './testing/test-helpers.js';
import { managerFor } from './testing/token-manager-helpers.js';
import { createMemoryTokenStore, type TokenStore } from './token-store.js';

const tracing: TracedEvents[] = [];
afterEach(() => {
  for (const traced of tracing.splice(0)) traced.stop();
});
const trace = (name: string) => {
  const traced = traceEvents(name);
  tracing.push(traced);
  return traced.events;
};

/** A client and its token manager on the in-process sandbox, retrying without waits. */
function setUp(options: { logLevel?: 'debug' | 'info' | 'warn'; tokenTtlSeconds?: number } = {}) {
  const clock = createClock();
  const sandbox = ingoSandbox({ now: clock.now, tokenTtlSeconds: options.tokenTtlSeconds ?? 3600 });
  const { logger, lines } = memoryLogger();
  const logLevel = options.logLevel ?? 'debug';
  const tokens = managerFor(sandbox, clock, { scope: allScopes.join(' '), logger, logLevel });
  const ingo = createIngoClient({
    tokens,
    baseUrl: sandboxBaseUrl,
    fetch: sandbox.fetch,
    retry: { limit: 2, delay: () => 0 },
    logger,
    logLevel,
  });
  return { clock, sandbox, tokens, ingo, lines };
}

describe('the bridgekit:attempt channel', () => {
  it('hears each attempt of a token request and of a retried call, with no token in any message', async () => {
    const { sandbox, tokens, ingo } = setUp({ logLevel: 'warn' });
    const messages: Record<string, unknown>[] = [];
    const listener = (message: unknown) => messages.push(message as Record<string, unknown>);
    subscribe('bridgekit:attempt', listener);
    try {
      sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'POST /identity/score' });
      await ingo.identityScore(identityRequest);
    } finally {
      unsubscribe('bridgekit:attempt', listener);
    }
    expect(
      messages.map(({ url, attempt, status }) => [new URL(String(url)).pathname, attempt, status]),
    ).toEqual([
      ['/connect/token', 1, 200],
      ['/identity/score', 1, 502],
      ['/identity/score', 2, 200],
    ]);
    expect(messages[2]).toMatchObject({ client: 'ingo', method: 'POST', retryDelayMs: expect.any(Number) });
    const token = (await tokens.getToken()).accessToken.reveal();
    expect(JSON.stringify(messages)).not.toContain(token);
    expect(JSON.stringify(messages)).not.toContain('demo-secret');
    await tokens.close();
  });
});

describe('a 401 resend', () => {
  it('is an attempt of its own: logged, published, and counted in the call and its trace', async () => {
    const { sandbox, tokens, ingo, lines } = setUp();
    const calls = trace('bridgekit:ingo:call');
    sandbox.injectFault({ kind: 'status', status: 401, times: 1, route: 'POST /identity/score' });
    const { attempts } = await ingo.identityScore(identityRequest).withResponse();
    expect(attempts).toBe(2);
    const logged = lines.filter(({ message }) => message === 'attempt');
    expect(
      logged.map(({ fields }) => [new URL(String(fields?.['url'])).pathname, fields?.['status']]),
    ).toEqual([
      ['/connect/token', 200],
      ['/identity/score', 401],
      ['/connect/token', 200],
      ['/identity/score', 200],
    ]);
    expect(calls[0]?.context).toMatchObject({ status: 200, attempts: 2 });
    expect(ingo.stats).toMatchObject({ requests: 2, authenticationRetries: 1 });
    await tokens.close();
  });
});

describe('a healthy run', () => {
  it("writes nothing at 'warn': a shared store, a retry and a 401 resend included", async () => {
    const clock = createClock();
    const sandbox = ingoSandbox({ now: clock.now });
    const { logger, lines } = memoryLogger();
    const store = createMemoryTokenStore({ now: clock.now });
    const tokens = managerFor(sandbox, clock, {
      scope: allScopes.join(' '),
      store,
      logger,
      logLevel: 'warn',
    });
    const ingo = createIngoClient({
      tokens,
      baseUrl: sandboxBaseUrl,
      fetch: sandbox.fetch,
      logger,
      logLevel: 'warn',
    });
    sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'POST /identity/score' });
    await ingo.identityScore(identityRequest, { retry: { limit: 2, delay: () => 0 } });
    sandbox.injectFault({ kind: 'status', status: 401, times: 1, route: 'POST /identity/score' });
    await ingo.identityScore(identityRequest);
    clock.advance(3_590_000);
    await ingo.identityScore(identityRequest);
    expect(tokens.stats.backgroundRefreshes).toBe(1);
    expect(lines).toEqual([]);
    await tokens.close();
  });
});

describe('the tracing channels', () => {
  it('bridgekit:ingo:call: one start and one end per call, settled with status, attempts and request id', async () => {
    const { sandbox, tokens, ingo } = setUp({ logLevel: 'warn' });
    const calls = trace('bridgekit:ingo:call');
    const tokenRequests = trace('bridgekit:ingo:token');
    sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'POST /identity/score' });
    await ingo.identityScore(identityRequest);
    sandbox.injectFault({ kind: 'status', status: 400, times: 1, route: 'POST /identity/score' });
    const failure = await ingo.identityScore(identityRequest).catch((error: unknown) => error);

    expect(calls.map(({ event }) => event)).toEqual([
      ...['start', 'end', 'asyncStart', 'asyncEnd'],
      ...['start', 'end', 'error', 'asyncStart', 'asyncEnd'],
    ]);
    const [succeeded, failed] = [calls[0]?.context, calls[4]?.context];
    expect(succeeded).toMatchObject({
      client: 'ingo',
      method: 'POST',
      url: `${sandboxBaseUrl}/identity/score`,
      status: 200,
      attempts: 2,
    });
    // The Ingo sandbox sends no request id: the key is there, undefined.
    expect(succeeded).toHaveProperty('requestId', undefined);
    // What the call resolved to (its body) is the caller's: the channel publishes none of it.
    expect(succeeded?.['result']).toBeUndefined();
    expect(failed).toMatchObject({ status: 400, attempts: 1, errorCode: (failure as { code: string }).code });
    expect(failed?.['error']).toBe(failure);

    expect(tokenRequests.map(({ event }) => event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(tokenRequests[0]?.context).toMatchObject({
      client: 'ingo',
      method: 'POST',
      url: 'https://ingo-sandbox.test/connect/token',
      status: 200,
      attempts: 1,
    });
    const token = (await tokens.getToken()).accessToken.reveal();
    expect(tokenRequests[0]?.context['result']).toBeUndefined();
    expect(JSON.stringify(tokenRequests[0]?.context)).not.toContain(token);
    await tokens.close();
  });

  it('bridgekit:ingo:token: a token request that fails ends in error with its code', async () => {
    const { sandbox, tokens } = setUp({ logLevel: 'warn' });
    const tokenRequests = trace('bridgekit:ingo:token');
    sandbox.injectFault({ kind: 'status', status: 503, times: 3, route: 'POST /connect/token' });
    const failure = await tokens.getToken().catch((error: unknown) => error);
    expect(tokenRequests.map(({ event }) => event)).toEqual([
      'start',
      'end',
      'error',
      'asyncStart',
      'asyncEnd',
    ]);
    expect(tokenRequests[0]?.context).toMatchObject({
      status: 503,
      attempts: 3,
      errorCode: (failure as { code: string }).code,
    });
  });
});

describe('the token manager and Ingo client log', () => {
  it('at debug: each attempt; at info: the token fetched, with its scope, duration and lifetime', async () => {
    const { sandbox, tokens, ingo, lines } = setUp();
    sandbox.injectFault({ kind: 'status', status: 502, times: 1, route: 'POST /identity/score' });
    await ingo.identityScore(identityRequest);
    expect(lines.map(({ level, message }) => `${level} ${message}`)).toEqual([
      'debug attempt',
      'info token fetched',
      'debug attempt',
      'debug retry',
      'debug attempt',
    ]);
    expect(lines[1]?.fields).toMatchObject({
      scope: allScopes.join(' '),
      durationMs: expect.any(Number),
      lifetimeMs: 3_600_000,
      attempts: 1,
      background: false,
    });
    expect(lines[0]?.fields).toMatchObject({
      client: 'ingo',
      url: 'https://ingo-sandbox.test/connect/token',
    });
    expect(lines[2]?.fields).toMatchObject({ client: 'ingo', status: 502, attempt: 1 });
    const token = (await tokens.getToken()).accessToken.reveal();
    for (const secret of [token, 'demo-secret', 'Bearer', 'Basic'])
      expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('at info: a refresh ahead; at warn: a background refresh that failed, and nothing when healthy', async () => {
    const clock = createClock();
    const sandbox = ingoSandbox({ now: clock.now, tokenTtlSeconds: 100 });
    const { logger, lines } = memoryLogger();
    const failed = deferred();
    const onTokenError = () => failed.resolve();
    const tokens = managerFor(sandbox, clock, { logger, logLevel: 'info', onTokenError });
    await tokens.getToken();
    clock.advance(90_000);
    sandbox.injectFault({ kind: 'status', status: 503, times: 3, route: 'POST /connect/token' });
    // Served from the cache while the refresh runs behind it, and fails.
    await tokens.getToken();
    await failed.promise;
    expect(lines.map(({ level, message }) => `${level} ${message}`)).toEqual([
      'info token fetched',
      'info token refresh ahead',
      'warn token refresh failed',
    ]);
    expect(lines[1]?.fields).toMatchObject({ scope: ingoScopes.identityScore, expiresInMs: 10_000 });
    expect(lines[2]?.fields).toMatchObject({
      scope: ingoScopes.identityScore,
      errorCode: expect.any(String),
    });
    await tokens.close();
  });

  it('a store outage: at warn when it begins, at info when the store answers again', async () => {
    let down = true;
    const outage = () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379'));
    const memory = new Map<string, unknown>();
    const store: TokenStore = {
      get: (key) => (down ? outage() : Promise.resolve(memory.get(key) as never)),
      set: async (key, token) => {
        if (down) return outage();
        memory.set(key, token);
      },
    };
    const clock = createClock();
    const sandbox = ingoSandbox({ now: clock.now });
    const { logger, lines } = memoryLogger();
    const tokens = managerFor(sandbox, clock, { store, logger, logLevel: 'info' });
    await tokens.getToken();
    down = false;
    await tokens.getToken({ forceRefresh: true });
    expect(lines.map(({ level, message }) => `${level} ${message}`)).toEqual([
      'warn token store outage',
      'info token fetched',
      'info token store answers again',
      'info token fetched',
    ]);
    expect(lines[0]?.fields?.['message']).toMatch(/ECONNREFUSED/);
    await tokens.close();
  });

  it('BRIDGEKIT_LOG=info in the environment prints the token fetched through console', async () => {
    const sandbox = ingoSandbox();
    const running = await sandbox.listen();
    try {
      const script = `
        const { createTokenManager } = await import('@bridgekit/ingo-auth');
        const tokens = createTokenManager({ tokenUrl: process.env.URL + '/connect/token', clientId: 'demo-client', clientSecret: 'demo-secret', scope: process.env.SCOPE });
        await tokens.getToken();
        await tokens.close();`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, BRIDGEKIT_LOG: 'info', URL: running.url, SCOPE: ingoScopes.identityScore },
        cwd: import.meta.dirname,
      });
      expect(stdout).toMatch(/token fetched.*identity-score.*lifetimeMs/s);
      expect(stdout).not.toContain('demo-secret');
    } finally {
      await running.close();
    }
  });
});
