import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isConfigurationError } from '@bridgekit/errors';
import { createIntendSigner } from '@bridgekit/intend-signer';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger, traceEvents } from '../../../testing/observers.js';
import { createIntendClient, type IntendClientOptions } from './index.js';

const apiKey = 'sandbox-key';
const secretKey = 'sandbox-secret-key-0123456789';
const sandbox = createIntendSandbox({ apiKey, secretKey, clients: 10 });
let server: RunningSandbox;
beforeAll(async () => {
  server = await sandbox.listen();
});
afterAll(() => server.close());

const connect = (options: Partial<IntendClientOptions>) =>
  createIntendClient({
    baseUrl: server.url,
    apiKey,
    secretKey,
    retry: { limit: 2, backoffLimit: 10 },
    ...options,
  });

describe('the Intend client log', () => {
  it('at debug: one line per attempt and one per retry, with the status, the time and the request id', async () => {
    const { logger, lines } = memoryLogger();
    sandbox.injectFault({ kind: 'status', status: 503, times: 2, route: 'GET /api/clients' });
    await connect({ logger, logLevel: 'debug' }).clients.get(3);
    expect(lines.map(({ message, fields }) => [message, fields?.['attempt'], fields?.['status']])).toEqual([
      ['attempt', 1, 503],
      ['retry', 2, undefined],
      ['attempt', 2, 503],
      ['retry', 3, undefined],
      ['attempt', 3, 200],
    ]);
    const last = lines[4]?.fields;
    expect(last).toMatchObject({ client: 'intend', method: 'GET', requestId: expect.any(String) });
    expect(last?.['url']).toContain('/api/clients?client_id=3');
    expect(lines[1]?.fields).toMatchObject({ client: 'intend', attempt: 2, delayMs: expect.any(Number) });
    // No header, no body, no credential in any line.
    const text = JSON.stringify(lines);
    for (const secret of [secretKey, apiKey, 'signature']) expect(text).not.toContain(secret);
  });

  it("writes nothing below its level, and nothing at 'warn' in a healthy run", async () => {
    const { logger, lines } = memoryLogger();
    sandbox.injectFault({ kind: 'status', status: 503, times: 1, route: 'GET /api/clients' });
    await connect({ logger }).clients.get(1);
    await connect({ logger, logLevel: 'info' }).clients.get(2);
    expect(lines).toEqual([]);
  });

  it('at info: a clock correction', async () => {
    const { logger, lines } = memoryLogger();
    const signer = createIntendSigner({ apiKey, secretKey, clockOffsetMs: 600_000 });
    await connect({ logger, logLevel: 'info', signer }).clients.get(1);
    expect(lines.map(({ level, message }) => [level, message])).toEqual([['info', 'clock corrected']]);
  });

  it('refuses an unknown level or a logger without the four methods, naming what it takes', () => {
    expect(() => connect({ logLevel: 'verbose' as never })).toThrow(
      /'off', 'error', 'warn', 'info', 'debug'/,
    );
    let refused: unknown;
    try {
      connect({ logger: { info: () => undefined } as never });
    } catch (error) {
      refused = error;
    }
    expect(isConfigurationError(refused)).toBe(true);
  });

  it('BRIDGEKIT_LOG=debug in the environment prints the attempt lines through console', async () => {
    const script = `
      const { createIntendClient } = await import('@bridgekit/intend-client');
      const intend = createIntendClient({ baseUrl: process.env.URL, apiKey: '${apiKey}', secretKey: '${secretKey}' });
      await intend.clients.get(1);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, BRIDGEKIT_LOG: 'debug', URL: server.url },
      cwd: import.meta.dirname,
    });
    expect(stdout).toMatch(/attempt.*client: 'intend'.*status: 200/s);
    expect(stdout).not.toContain(secretKey);
  });
});

describe('the bridgekit:attempt channel', () => {
  it('publishes one message per attempt of a retried call, with no secret in any', async () => {
    const { subscribe, unsubscribe } = await import('node:diagnostics_channel');
    const messages: Record<string, unknown>[] = [];
    const listener = (message: unknown) => messages.push(message as Record<string, unknown>);
    subscribe('bridgekit:attempt', listener);
    try {
      sandbox.injectFault({ kind: 'status', status: 503, times: 2, route: 'GET /api/clients' });
      await connect({}).clients.get(4);
    } finally {
      unsubscribe('bridgekit:attempt', listener);
    }
    expect(messages.map(({ attempt, status }) => [attempt, status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(messages[2]).toMatchObject({ client: 'intend', method: 'GET', retryDelayMs: expect.any(Number) });
    expect(JSON.stringify(messages)).not.toContain(secretKey);
  });
});

describe('the bridgekit:intend:call tracing channel', () => {
  it('one start and one end or error per call, settled with status, attempts and request id', async () => {
    const traced = traceEvents('bridgekit:intend:call');
    const { events } = traced;
    let failure: unknown;
    try {
      sandbox.injectFault({ kind: 'status', status: 503, times: 1, route: 'GET /api/clients' });
      // A signer 10 minutes fast: one call, its 401 corrected and resent inside the same trace.
      const signer = createIntendSigner({ apiKey, secretKey, clockOffsetMs: 600_000 });
      await connect({ signer }).clients.get(5);
      failure = await connect({ secretKey: 'a-wrong-secret-key-0123456789' })
        .clients.get(5)
        .catch((error: unknown) => error);
    } finally {
      traced.stop();
    }
    expect(events.map(({ event }) => event)).toEqual([
      ...['start', 'end', 'asyncStart', 'asyncEnd'],
      ...['start', 'end', 'error', 'asyncStart', 'asyncEnd'],
    ]);
    expect(events[0]?.context).toMatchObject({
      client: 'intend',
      method: 'GET',
      status: 200,
      attempts: 3,
      requestId: expect.any(String),
    });
    expect(events[0]?.context['url']).toContain('/api/clients?client_id=5');
    expect(events[4]?.context).toMatchObject({
      status: 401,
      attempts: 1,
      errorCode: (failure as { code: string }).code,
    });
    expect(events[4]?.context['error']).toBe(failure);
    expect(events.every(({ context }) => context['result'] === undefined)).toBe(true);
    expect(JSON.stringify(events.map(({ context }) => context))).not.toContain(secretKey);
  });
});
