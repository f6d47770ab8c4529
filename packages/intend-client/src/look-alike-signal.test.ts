import { isAbortError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIntendClient } from './index.js';

// A signal from another realm or a polyfill: shaped like an AbortSignal, not one. ky combines a
// caller's signal with `AbortSignal.any()` and waits out retries with `throwIfAborted()`; a call
// must work with a look-alike all the same.
function lookAlikeSignal() {
  const target = new EventTarget();
  let listeners = 0;
  const signal = {
    aborted: false,
    reason: undefined as unknown,
    addEventListener: (type: string, listener: EventListener, options?: AddEventListenerOptions) => {
      listeners += 1;
      target.addEventListener(type, listener, options);
    },
    removeEventListener: (type: string, listener: EventListener) => {
      listeners -= 1;
      target.removeEventListener(type, listener);
    },
  };
  return {
    signal: signal as unknown as AbortSignal,
    abort(reason: unknown) {
      signal.aborted = true;
      signal.reason = reason;
      target.dispatchEvent(new Event('abort'));
    },
    listeners: () => listeners,
  };
}

const envelope = (data: unknown, status = 200) =>
  Response.json({ status, response: status < 300, data, msg: 'ok' }, { status });

function client(fetch: typeof globalThis.fetch, throughKy: boolean) {
  return createIntendClient({
    baseUrl: 'https://acme.intend.test',
    apiKey: 'key',
    secretKey: 'secret-key-0123456789',
    fetch,
    retry: { limit: 2, delay: () => 0 },
    // Any hook of the user's sends every request through ky.
    ...(throughKy ? { hooks: { beforeError: [({ error }) => error] } } : {}),
  });
}

describe('a signal look-alike', () => {
  for (const throughKy of [false, true]) {
    const path = throughKy ? 'every request through ky' : 'the first attempt without ky';
    it(`gets through ky's retries (${path})`, async () => {
      let requests = 0;
      const fetch = async () => {
        requests += 1;
        return requests === 1 ? envelope(null, 503) : envelope({ id: 1 });
      };
      const caller = lookAlikeSignal();
      await expect(client(fetch, throughKy).clients.get(1, { signal: caller.signal })).resolves.toEqual({
        id: 1,
      });
      expect(requests).toBe(2);
      expect(caller.listeners()).toBe(0);
    });

    it(`aborts the request it reaches when it fires (${path})`, async () => {
      let started: () => void = () => undefined;
      const sent = new Promise<void>((resolve) => {
        started = resolve;
      });
      const fetch = (input: Request | string | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => {
          const signal = input instanceof Request ? input.signal : init?.signal;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          started();
        });
      const caller = lookAlikeSignal();
      const call = client(fetch, throughKy).clients.get(1, { signal: caller.signal });
      // Not `await sent` alone: a call that fails before it sends would leave the test waiting.
      await Promise.race([sent, call.catch(() => undefined)]);
      caller.abort(new Error('the caller gave up'));
      const failure = await call.catch((error: unknown) => error);
      expect(isAbortError(failure)).toBe(true);
      expect(caller.listeners()).toBe(0);
    });
  }
});
