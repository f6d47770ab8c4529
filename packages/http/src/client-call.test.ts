import { getEventListeners } from 'node:events';
import ky, { type Options } from 'ky';
import { describe, expect, it } from 'vitest';
import {
  countAttempts,
  createCheckedFetch,
  type Fetch,
  refuseRedirects,
  requestContext,
  requestParts,
  sendCall,
} from './index.js';

const url = 'https://api.test/things';
const answers = createCheckedFetch((text) => ({ value: JSON.parse(text) as unknown }), {
  bytes: 1024,
  option: 'maxResponseBytes',
});

/** A server that records each attempt's signal, as `fetch` reads it, and answers with `answer`. */
function recording(...answers: Array<(signal: AbortSignal) => Promise<Response>>) {
  const signals: AbortSignal[] = [];
  const requests: Request[] = [];
  const fetch: Fetch = (input, init) => {
    const signal = init?.signal ?? (input as Request).signal;
    signals.push(signal);
    requests.push(input as Request);
    const answer = answers[Math.min(signals.length, answers.length) - 1];
    return answer ? answer(signal) : Promise.reject(new Error('no answer'));
  };
  return { fetch, signals, requests };
}

/** An answer that never comes: it rejects when its signal fires. */
const hung = (signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** A call through a ky instance of `kyOptions` whose per-call fetch goes to `server`, on `signal` alone. */
function callOn(
  server: ReturnType<typeof recording>,
  signal: AbortSignal,
  kyOptions: Options = { retry: 0 },
) {
  return sendCall({
    instance: ky.create(kyOptions),
    url,
    options: { fetch: answers.wrap(server.fetch) },
    answers,
    signal,
  });
}

describe("sendCall with the call's own `signal` and no caller's", () => {
  it("sends each attempt on a signal that fires with the call's, and lets go of its listeners", async () => {
    const server = recording(hung);
    const cancel = new AbortController();
    const call = callOn(server, cancel.signal);
    await until(() => server.signals.length === 1);
    expect(server.signals[0]).not.toBe(server.requests[0]?.signal);
    const reason = new Error('closed');
    cancel.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(server.signals[0]?.reason).toBe(reason);
    expect(getEventListeners(server.requests[0]?.signal as AbortSignal, 'abort')).toHaveLength(0);
  });

  it("still stops an attempt at ky's timeout, and sends the retry on a signal of its own", async () => {
    const server = recording(hung, async () => Response.json({ fine: true }));
    const cancel = new AbortController();
    const outcome = await callOn(server, cancel.signal, {
      timeout: 20,
      retry: { limit: 1, retryOnTimeout: true, delay: () => 0 },
    });
    expect(outcome.value).toEqual({ fine: true });
    expect(server.signals).toHaveLength(2);
    expect(server.signals[0]?.aborted).toBe(true);
    expect(server.signals[1]?.aborted).toBe(false);
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
  });

  it('sends nothing once the signal has fired', async () => {
    const server = recording(async () => Response.json({}));
    const cancel = new AbortController();
    cancel.abort(new Error('closed'));
    const call = callOn(server, cancel.signal);
    await expect(call).rejects.toThrow('closed');
    expect(server.signals).toHaveLength(0);
  });

  it('tells ky the signal when there is no per-call fetch to carry it', async () => {
    const server = recording(hung);
    const cancel = new AbortController();
    const instance = ky.create({ retry: 0, fetch: answers.wrap(server.fetch) });
    const call = sendCall({ instance, url, options: {}, answers, signal: cancel.signal });
    await until(() => server.signals.length === 1);
    cancel.abort(new Error('closed'));
    await expect(call).rejects.toThrow('closed');
    expect(server.signals[0]?.aborted).toBe(true);
  });
});

describe('requestParts and requestContext', () => {
  it("take an init's signal over the request's, as fetch(request, init) does", async () => {
    const own = new AbortController().signal;
    const request = new Request(url, { signal: own });
    const signal = new AbortController().signal;
    expect((await requestParts(request, { signal })).init.signal).toBe(signal);
    expect((await requestParts(request, {})).init.signal).toBe(request.signal);
    expect(requestContext(request, { signal }).signal).toBe(signal);
    expect(requestContext(request, undefined)).toBe(request);
  });
});

describe('countAttempts', () => {
  it('counts an attempt whose fetch throws at once as a failed attempt, rejects, and reports it', async () => {
    const seen: unknown[] = [];
    const { subscribe, unsubscribe } = await import('node:diagnostics_channel');
    const listener = (message: unknown) => void seen.push(message);
    subscribe('bridgekit:attempt', listener);
    try {
      const broken = new TypeError('fetch failed at once');
      const counter = countAttempts(
        () => {
          throw broken;
        },
        { call: { client: 'test', channel: 'bridgekit:test:call', method: 'GET', url } },
      );
      await expect(counter.fetch(url)).rejects.toBe(broken);
      const ok = countAttempts(async () => new Response('{}', { headers: { 'x-request-id': 'r-1' } }));
      await ok.fetch(url);
      expect(ok.result({ value: 1, response: new Response('{}') })).toMatchObject({ attempts: 1 });
    } finally {
      unsubscribe('bridgekit:attempt', listener);
    }
    expect(seen).toEqual([expect.objectContaining({ client: 'test', attempt: 1, status: undefined })]);
  });
});

describe('refuseRedirects', () => {
  it("asks for `redirect: 'manual'` unless the request or the init already does, and rejects a fetch that throws at once", async () => {
    const inits: Array<RequestInit | undefined> = [];
    const guarded = refuseRedirects(async (_input, init) => {
      inits.push(init);
      return new Response('{}');
    });
    await guarded(url, { redirect: 'follow' });
    const manual = { redirect: 'manual' } as const;
    await guarded(url, manual);
    await guarded(new Request(url, { redirect: 'manual' }));
    expect(inits).toEqual([{ redirect: 'manual' }, manual, undefined]);
    expect(inits[1]).toBe(manual);
    const broken = new TypeError('thrown at once');
    await expect(
      refuseRedirects(() => {
        throw broken;
      })(url),
    ).rejects.toBe(broken);
  });
});

describe('sendCall, when ky throws at once', () => {
  it('rejects instead of throwing: an init hook that throws, with and without a caller signal', async () => {
    const broken = new Error('the init hook broke');
    const instance = ky.create({
      fetch: async () => new Response('{}'),
      hooks: {
        init: [
          () => {
            throw broken;
          },
        ],
      },
    });
    for (const options of [{ method: 'get' }, { method: 'get', signal: new AbortController().signal }]) {
      const sent = sendCall({ instance, url, options, answers });
      expect(sent).toBeInstanceOf(Promise);
      await expect(sent).rejects.toBe(broken);
    }
  });
});
