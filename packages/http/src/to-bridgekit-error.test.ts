import { inspect } from 'node:util';
import {
  isAbortError,
  isNetworkError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  ResponseFormatError,
} from '@bridgekit/errors';
import ky, { HTTPError, NetworkError as KyNetworkError, TimeoutError as KyTimeoutError } from 'ky';
import { describe, expect, it } from 'vitest';
import { toBridgekitError } from './index.js';

const context = {
  method: 'GET',
  url: 'https://acme.intend.test/api/clients',
  timeout: 5000,
  service: 'the Intend API',
  reachHint: 'check `baseUrl` and the network',
};

describe('toBridgekitError', () => {
  it('maps a real ky HTTPError, body and headers included', async () => {
    const fetch = async () =>
      Response.json(
        { title: 'TooManyRequests', detail: 'Slow down' },
        { status: 429, headers: { 'retry-after': '2' } },
      );
    const failure = await ky('https://acme.intend.test/api/clients', { fetch, retry: 0 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HTTPError);
    const mapped = toBridgekitError(failure, context);
    expect(isRateLimitError(mapped)).toBe(true);
    expect(mapped.message).toContain('Slow down');
    expect((mapped as { retryAfter?: number }).retryAfter).toBe(2000);
  });

  it('maps ky timeouts and network errors', () => {
    const request = new Request(context.url);
    expect(isTimeoutError(toBridgekitError(new KyTimeoutError(request), context))).toBe(true);
    const network = toBridgekitError(
      new KyNetworkError(request, { cause: new TypeError('fetch failed') }),
      context,
    );
    expect(isNetworkError(network)).toBe(true);
    expect(network.message).toContain('Could not reach the Intend API; check `baseUrl` and the network');
  });

  it('recognises a forced retry by its cause, and the caller’s abort whatever was thrown', async () => {
    const fetch = async () => new Response('{"status": 200', { status: 200 });
    const forced = await ky('https://x.test/', {
      fetch,
      retry: { limit: 1, delay: () => 0 },
      hooks: {
        afterResponse: [() => ky.retry({ cause: new ResponseFormatError({ expected: 'JSON' }) })],
      },
    }).catch((error: unknown) => error);
    expect(toBridgekitError(forced, context)).toBeInstanceOf(ResponseFormatError);
    const controller = new AbortController();
    controller.abort();
    expect(
      isAbortError(toBridgekitError(new Error('anything'), { ...context, signal: controller.signal })),
    ).toBe(true);
  });

  it('passes bridgekit errors through and wraps anything else as a network failure', () => {
    const server = toBridgekitError(new TypeError('socket hang up'), context);
    expect(isNetworkError(server)).toBe(true);
    expect(isServerError(server)).toBe(false);
    const original = new ResponseFormatError({ expected: 'JSON' });
    expect(toBridgekitError(original, context)).toBe(original);
  });

  it('never keeps the sent request (signed headers, bearer tokens) on the mapped error', async () => {
    const headers = {
      'api-key': 'key-7f3a',
      signature: 'c0ffee'.repeat(10),
      authorization: 'Bearer tok-9b2e',
    };
    const fetch = async () => new Response('boom', { status: 500 });
    const http = await ky('https://acme.intend.test/api/clients', { fetch, retry: 0, headers }).catch(
      (error: unknown) => error,
    );
    const request = new Request('https://acme.intend.test/api/clients', { headers });
    const failures = [
      toBridgekitError(http, context),
      toBridgekitError(new KyTimeoutError(request), context),
      toBridgekitError(new KyNetworkError(request), context),
    ];
    for (const failure of failures) {
      const rendered = `${inspect(failure, { depth: 10, showHidden: true })}${JSON.stringify(failure)}`;
      for (const secret of ['key-7f3a', 'c0ffee'.repeat(10), 'tok-9b2e'])
        expect(rendered).not.toContain(secret);
    }
  });

  it('an abort wins over the error it caused', () => {
    const controller = new AbortController();
    controller.abort();
    const failure = toBridgekitError(new ResponseFormatError({ expected: 'JSON' }), {
      ...context,
      signal: controller.signal,
    });
    expect(isAbortError(failure)).toBe(true);
  });
});
