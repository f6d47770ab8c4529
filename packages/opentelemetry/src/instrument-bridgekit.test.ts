import { tracingChannel } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { isConfigurationError } from '@bridgekit/errors';
import { createIngoClient, createTokenManager, ingoScopes } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import {
  createIngoSandbox,
  createIntendSandbox,
  ingoSandboxScopes,
  type RunningSandbox,
} from '@bridgekit/sandbox';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BridgekitInstrumentation, instrumentBridgekit } from './index.js';
import { version } from './version.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
const clientSecret = 'ingo-client-secret-0123';
const intendSandbox = createIntendSandbox({ apiKey, secretKey, clients: 400 });
const ingoSandbox = createIngoSandbox({
  clients: [{ clientId: 'otel-client', clientSecret, scopes: Object.values(ingoSandboxScopes) }],
});
let intendServer: RunningSandbox;
let ingoServer: RunningSandbox;
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let instrumentation: BridgekitInstrumentation;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  [intendServer, ingoServer] = await Promise.all([intendSandbox.listen(), ingoSandbox.listen()]);
});
afterAll(async () => {
  context.disable();
  await Promise.all([intendServer.close(), ingoServer.close()]);
});
beforeEach(() => {
  instrumentation = instrumentBridgekit({ tracerProvider: provider });
});
afterEach(() => {
  instrumentation.disable();
  exporter.reset();
});

const intendClient = () =>
  createIntendClient({ baseUrl: intendServer.url, apiKey, secretKey, retry: { limit: 2, backoffLimit: 10 } });

function ingoClient() {
  const tokens = createTokenManager({
    tokenUrl: `${ingoServer.url}/connect/token`,
    clientId: 'otel-client',
    clientSecret,
    scope: ingoScopes.identityScore,
  });
  return {
    tokens,
    ingo: createIngoClient({ tokens, baseUrl: ingoServer.url, retry: { limit: 2, delay: () => 1 } }),
  };
}

const identity = {
  identity: { firstName: 'Gabriel', lastName: 'Mitchell', ssn: '900000001' },
  emailAddress: 'aaron53@adventure-works.com',
};

const byName = (name: string): ReadableSpan[] =>
  exporter.getFinishedSpans().filter((span) => span.name === name);

describe('instrumentBridgekit', () => {
  it('makes one client span per Intend call, with the HTTP attributes and one event per retry', async () => {
    intendSandbox.injectFault({ kind: 'status', status: 503, times: 1, route: 'GET /api/clients' });
    await intendClient().clients.get(3);
    const [span, ...more] = byName('intend GET');
    expect(more).toEqual([]);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'http.request.resend_count': 1,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(intendServer.url).port),
      'bridgekit.client': 'intend',
      'bridgekit.request_id': expect.any(String),
    });
    expect(span?.attributes['url.full']).toBe(`${intendServer.url}/api/clients?client_id=3`);
    expect(span?.events.map(({ name, attributes }) => [name, attributes])).toEqual([
      [
        'retry',
        {
          'http.request.resend_count': 1,
          'bridgekit.retry.delay_ms': expect.any(Number),
          'bridgekit.retry.reason': '503',
        },
      ],
    ]);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('nests a token request under the Ingo call that waited for it, both under the caller’s span', async () => {
    const { tokens, ingo } = ingoClient();
    const tracer = provider.getTracer('test');
    await tracer.startActiveSpan('screen customer', async (parent) => {
      await ingo.identityScore(identity);
      parent.end();
    });
    const [call] = byName('ingo POST');
    const [token] = byName('ingo token POST');
    const [parent] = byName('screen customer');
    expect(call?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(token?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    expect(token?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.full': `${ingoServer.url}/connect/token`,
      'http.response.status_code': 200,
    });
    expect(call?.attributes).toMatchObject({ 'http.response.status_code': 200, 'bridgekit.client': 'ingo' });
    const accessToken = (await tokens.getToken()).accessToken.reveal();
    const exported = JSON.stringify(
      exporter
        .getFinishedSpans()
        .map(({ name, attributes, events, status }) => ({ name, attributes, events, status })),
    );
    for (const secret of [accessToken, clientSecret, secretKey, 'Bearer', 'Basic'])
      expect(exported).not.toContain(secret);
    await tokens.close();
  });

  it('marks a failed call: error status, error.type and the last status', async () => {
    intendSandbox.injectFault({ kind: 'status', status: 404, times: 1, route: 'GET /api/clients' });
    const failure = (await intendClient()
      .clients.get(4)
      .catch((error: unknown) => error)) as { code: string };
    const [span] = byName('intend GET');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toMatchObject({ 'error.type': failure.code, 'http.response.status_code': 404 });
  });

  it('disable() ends the spans of calls in flight, then lets go of every channel', async () => {
    let release = () => {};
    let sent = () => {};
    const wasSent = new Promise<void>((resolve) => {
      sent = resolve;
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = createIntendClient({
      baseUrl: intendServer.url,
      apiKey,
      secretKey,
      fetch: async (input, init) => {
        sent();
        await held;
        return fetch(input, init);
      },
    });
    const call = slow.clients.get(7);
    await wasSent;
    instrumentation.disable();
    expect(tracingChannel('bridgekit:intend:call').hasSubscribers).toBe(true);
    release();
    await call;
    expect(byName('intend GET')).toHaveLength(1);
    await intendClient().clients.get(8);
    expect(byName('intend GET')).toHaveLength(1);
    expect(tracingChannel('bridgekit:intend:call').hasSubscribers).toBe(false);
  });

  it('makes every page of a listing a child of the caller’s span, after a 429 too', async () => {
    intendSandbox.injectFault({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
      after: 2,
      route: 'GET /api/clients',
    });
    const tracer = provider.getTracer('test');
    await tracer.startActiveSpan('list clients', async (parent) => {
      await intendClient().clients.list().toArray({ limit: 1000 });
      parent.end();
    });
    const [parent] = byName('list clients');
    const pages = byName('intend GET');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(
      pages.some(({ events }) =>
        events.some(({ attributes }) => attributes?.['bridgekit.retry.reason'] === '429'),
      ),
    ).toBe(true);
  });

  it('disable() removes every subscription: no span, and the clients build no context', async () => {
    instrumentation.disable();
    await intendClient().clients.get(5);
    expect(exporter.getFinishedSpans()).toEqual([]);
    for (const name of ['bridgekit:intend:call', 'bridgekit:ingo:call', 'bridgekit:ingo:token'])
      expect(tracingChannel(name).hasSubscribers).toBe(false);
  });

  it('refuses an unknown option with the closest known one, and a tracer provider that is none', () => {
    expect(() => instrumentBridgekit({ tracerProvder: provider } as never)).toThrow(
      /Did you mean `tracerProvider`\?/,
    );
    let refused: unknown;
    try {
      instrumentBridgekit({ tracerProvider: {} as never });
    } catch (error) {
      refused = error;
    }
    expect(isConfigurationError(refused)).toBe(true);
  });

  it('uses the global tracer provider by default', async () => {
    instrumentation.disable();
    trace.setGlobalTracerProvider(provider);
    instrumentation = instrumentBridgekit();
    await intendClient().clients.get(6);
    expect(byName('intend GET')).toHaveLength(1);
    trace.disable();
  });

  it('names its version as package.json does', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version).toBe(manifest.version);
  });
});
