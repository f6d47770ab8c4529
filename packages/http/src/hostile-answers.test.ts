import { gzipSync } from 'node:zlib';
import {
  isConfigurationError,
  isRedirectError,
  isResponseTooLargeError,
  RedirectError,
  type ResponseTooLargeError,
} from '@bridgekit/errors';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { resolveBodyLimit } from './body-limit-option.js';
import { readBufferedBody } from './buffered-body.js';
import { callKyOptions } from './call-options.js';
import type { Fetch } from './fetch.js';
import { refuseRedirects } from './no-redirects.js';
import { resolveRetryOptions } from './retry-options.js';
import { thrown } from './testing/thrown.js';
import { parseHttpUrl } from './url-option.js';
import { checkHooks } from './user-hooks.js';

const url = 'https://api.test/things?token=hunter2-secret';

/** A body that never ends, counting what was pulled from it and whether it was cancelled. */
function endless(chunk = new Uint8Array(64 * 1024).fill(0x20)) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

describe('refuseRedirects', () => {
  for (const status of [300, 301, 302, 303, 307, 308]) {
    it(`turns a ${status} into a RedirectError naming the target's origin, and asks fetch not to follow`, async () => {
      const seen: RequestInit[] = [];
      const fetch = refuseRedirects(async (_input, init) => {
        seen.push(init ?? {});
        return new Response('moved', {
          status,
          headers: { location: 'https://evil.test/steal?token=hunter2-secret' },
        });
      });
      const error = await fetch(url, { method: 'POST' }).catch((caught: unknown) => caught);
      expect(isRedirectError(error)).toBe(true);
      const redirect = error as RedirectError;
      expect(redirect.status).toBe(status);
      expect(redirect.retryable).toBe(false);
      expect(redirect.message).toContain(`status ${status}`);
      expect(redirect.message).toContain('https://evil.test');
      expect(redirect.message).toContain('follows no redirect');
      expect(redirect.location).toMatch(/^https:\/\/evil\.test\/steal/);
      expect(JSON.stringify(redirect)).not.toContain('hunter2-secret');
      expect(seen[0]?.redirect).toBe('manual');
      expect(seen[0]?.method).toBe('POST');
    });
  }

  it('passes a 304 and every other status through', async () => {
    for (const status of [200, 204, 304, 401, 500]) {
      const fetch = refuseRedirects(async () => new Response(null, { status }));
      expect((await fetch(url)).status).toBe(status);
    }
  });

  it('names no target that is not an http(s) URL, and keeps none', async () => {
    for (const location of [
      'data:text/html,hello',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://[bad',
    ]) {
      const fetch = refuseRedirects(async () => new Response(null, { status: 302, headers: { location } }));
      const error = (await fetch(url).catch((caught: unknown) => caught)) as RedirectError;
      expect(error.location).toBeUndefined();
      expect(error.message).toContain('redirected it elsewhere');
      expect(error.message).not.toContain('null');
    }
  });

  it("refuses a browser's opaque redirect and a fetch that followed anyway", async () => {
    const opaque = refuseRedirects(async () =>
      Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }),
    );
    expect(isRedirectError(await opaque(url).catch((caught: unknown) => caught))).toBe(true);
    const followed = refuseRedirects(async () => {
      const response = new Response('{}');
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: 'https://evil.test/landing' });
      return response;
    });
    const error = (await followed(url).catch((caught: unknown) => caught)) as RedirectError;
    expect(isRedirectError(error)).toBe(true);
    // It did reach the target: the message must not claim otherwise.
    expect(error.message).toContain('so the request reached it');
    expect(error.message).not.toContain('nothing was sent there');
    expect(error.location).toBe('https://evil.test/landing');
  });

  it('is not retried by ky, even when a user shouldRetry says yes', async () => {
    let calls = 0;
    const fetch: Fetch = refuseRedirects(async () => {
      calls += 1;
      return new Response(null, { status: 307, headers: { location: '/elsewhere' } });
    });
    const retry = resolveRetryOptions({ limit: 3, delay: () => 0, shouldRetry: () => true }, {});
    const error = await ky.get(url, { fetch, retry }).catch((caught: unknown) => caught);
    expect(RedirectError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
  });
});

describe('readBufferedBody within a limit', () => {
  const request = { method: 'GET', url };

  it('stops an endless body at the limit and cancels the stream', async () => {
    const { body, state } = endless();
    const limit = resolveBodyLimit(256 * 1024);
    const error = await readBufferedBody(new Response(body), request, limit).catch(
      (caught: unknown) => caught,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
    const tooLarge = error as ResponseTooLargeError;
    expect(tooLarge.limit).toBe(256 * 1024);
    expect(tooLarge.option).toBe('maxResponseBytes');
    expect(tooLarge.retryable).toBe(false);
    expect(tooLarge.message).toContain('256 KiB');
    expect(tooLarge.message).toContain('`maxResponseBytes`');
    expect(tooLarge.message).not.toContain('hunter2-secret');
    expect(state.cancelled).toBe(true);
    // The read stops within one chunk of the limit (plus the stream's own read-ahead).
    expect(state.pulled).toBeLessThanOrEqual(256 * 1024 + 3 * 64 * 1024);
  });

  it('refuses a declared length over the limit before reading, and reads one at the limit', async () => {
    const { body, state } = endless();
    const declared = new Response(body, { headers: { 'content-length': String(10 * 1024 * 1024) } });
    const error = await readBufferedBody(declared, request, { bytes: 1024 }).catch(
      (caught: unknown) => caught,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
    expect((error as ResponseTooLargeError).message).toContain('fixed limit');
    expect(await readBufferedBody(new Response('x'.repeat(1024)), request, { bytes: 1024 })).toHaveLength(
      1024,
    );
  });

  it("cuts a failure's body at the limit, so that its status decides", async () => {
    const { body, state } = endless();
    const text = await readBufferedBody(new Response(body, { status: 503 }), request, { bytes: 100_000 });
    expect(text).toHaveLength(100_000);
    expect(state.cancelled).toBe(true);
    const declared = new Response('x'.repeat(2000), { status: 502, headers: { 'content-length': '2000' } });
    expect(await readBufferedBody(declared, request, { bytes: 1000 })).toHaveLength(1000);
  });

  it('reads a bodiless answer whatever Content-Length it declares (HEAD, 204, 304)', async () => {
    for (const status of [200, 204, 304]) {
      const bodiless = new Response(null, { status, headers: { 'content-length': '99999999' } });
      expect(await readBufferedBody(bodiless, { method: 'HEAD', url }, { bytes: 10 })).toBe('');
    }
  });

  it('counts bytes, not characters, and decodes characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('é'.repeat(10));
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 5));
        controller.enqueue(bytes.slice(5));
        controller.close();
      },
    });
    expect(await readBufferedBody(new Response(split), request, { bytes: 20 })).toBe('é'.repeat(10));
    const error = await readBufferedBody(new Response('é'.repeat(10)), request, { bytes: 19 }).catch(
      (caught: unknown) => caught,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
  });

  it('counts a compressed body after decompression (a gzip bomb is stopped)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.byteLength).toBeLessThan(16 * 1024);
    const inflated = new Response(new Blob([bomb]).stream().pipeThrough(new DecompressionStream('gzip')), {
      headers: { 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) },
    });
    const error = await readBufferedBody(inflated, request, { bytes: 1024 * 1024 }).catch(
      (caught: unknown) => caught,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
  });

  it('checks the option', () => {
    expect(resolveBodyLimit(undefined)).toEqual({ bytes: 16 * 1024 * 1024, option: 'maxResponseBytes' });
    for (const bad of [0, -1, 1.5, '1024', Number.NaN, 2 ** 31, null]) {
      const error = thrown(() => resolveBodyLimit(bad));
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toContain('maxResponseBytes');
    }
  });
});

describe('parseHttpUrl and plaintext', () => {
  const option = { option: 'tokenUrl' };

  it('allows http: to loopback hosts only', () => {
    for (const loopback of [
      'http://localhost:4000/x',
      'http://LOCALHOST:4000/x',
      'http://127.0.0.1:8080',
      'http://127.255.0.9',
      'http://[::1]:9000/',
    ]) {
      expect(parseHttpUrl(loopback, option).protocol).toBe('http:');
    }
    // Names that look local but resolve through DNS, and forms refused to err on the safe side.
    for (const remote of [
      'http://auth.example.com/connect/token',
      'http://10.0.0.5',
      'http://128.0.0.1',
      'http://[::2]',
      'http://sandbox.localhost/x',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      'http://localhost./',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      const error = thrown(() => parseHttpUrl(remote, option));
      expect(isConfigurationError(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('`tokenUrl`');
      expect(message).toContain('plaintext');
      expect(message).toContain('allowInsecureRequests: true');
    }
    expect(parseHttpUrl('https://auth.example.com', option).protocol).toBe('https:');
  });

  it('allows any http: host with allowInsecureRequests: true, and checks that option', () => {
    expect(parseHttpUrl('http://sandbox:4000', { ...option, allowInsecure: true }).host).toBe('sandbox:4000');
    expect(
      isConfigurationError(
        thrown(() => parseHttpUrl('http://sandbox:4000', { ...option, allowInsecure: false })),
      ),
    ).toBe(true);
    const error = thrown(() => parseHttpUrl('https://x.test', { ...option, allowInsecure: 'yes' }));
    expect((error as Error).message).toContain('`allowInsecureRequests`');
  });
});

describe('unknown keys', () => {
  it('refuses a misspelt hook name, which would never run', () => {
    const error = thrown(() => checkHooks({ beforeReqest: [() => undefined] }));
    expect((error as Error).message).toContain('Did you mean `hooks.beforeRequest`?');
  });

  it("caps a Retry-After at the call's own timeout, and replaces rather than merges a call's retry", () => {
    const client = { limit: 2, statusCodes: [500, 503], maxRetryAfter: 30_000 };
    // ky's replaceOption wraps the value, so that ky replaces the client's instead of merging into it.
    const retryOf = (options: ReturnType<typeof callKyOptions>) =>
      (options.retry as unknown as { value: unknown }).value;
    expect(retryOf(callKyOptions({ timeout: 500 }, client))).toMatchObject({
      maxRetryAfter: 500,
      statusCodes: [500, 503],
    });
    expect(callKyOptions({}, client).retry).toBeUndefined();
    expect(retryOf(callKyOptions({ retry: { statusCodes: [500] } }, client))).toMatchObject({
      statusCodes: [500],
    });
  });

  it('refuses a key ky would ignore, naming the closest known one', () => {
    const error = thrown(() => resolveRetryOptions({ attempts: 3 }, {}));
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toContain('`retry.attempts`');
    // Nothing known is close to `attempts`: no wild guess, the list of known keys instead.
    expect((error as Error).message).not.toContain('Did you mean');
    expect((error as Error).message).toContain('`limit`');
    const typo = thrown(() => resolveRetryOptions({ limt: 3 }, {}));
    expect((typo as Error).message).toContain('Did you mean `retry.limit`?');
  });
});
