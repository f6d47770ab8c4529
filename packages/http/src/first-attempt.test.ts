import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky';
import { describe, expect, it, vi } from 'vitest';
import { type Fetch, hasHooks, sendFirstAttempt } from './index.js';

const url = 'https://api.test/things';

type Answer = (signal: AbortSignal | undefined) => Response | Promise<Response>;

/** A fetch that gives `answers` in turn and records what each call received. */
function scripted(...answers: Answer[]) {
  const calls: Array<{ readonly input: Request | string | URL }> = [];
  const fetch: Fetch = async (input, init) => {
    calls.push({ input });
    const answer = answers[calls.length - 1];
    if (!answer) throw new Error(`no answer scripted for call ${calls.length}`);
    return answer(init?.signal ?? (input instanceof Request ? input.signal : undefined));
  };
  return { fetch, calls };
}

/** Never answers; rejects with the signal's reason once it aborts. */
const hanging: Answer = (signal) =>
  new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

/** A client's call: the first attempt straight on `fetch`, anything else handed to ky. */
function call(
  fetch: Fetch,
  options: { retry?: RetryOptions; timeout?: number; signal?: AbortSignal; beforeRetry?: () => void } = {},
) {
  const timeout = options.timeout ?? 5000;
  const api = ky.create({
    fetch,
    timeout,
    retry: { limit: 2, delay: () => 0, ...options.retry },
    hooks: { beforeRetry: options.beforeRetry ? [options.beforeRetry] : [] },
  });
  const handOver = vi.fn((replay: Fetch) =>
    api.get(url, { fetch: replay, ...(options.signal ? { signal: options.signal } : {}) }).text(),
  );
  const result = sendFirstAttempt({
    send: async (signal) => {
      const response = await fetch(url, { signal });
      return response.ok ? { value: await response.text() } : { response };
    },
    timeout,
    signal: options.signal,
    fetch,
    handOver,
  });
  return { result, handOver };
}

describe('sendFirstAttempt', () => {
  it('costs one fetch on a success, with no Request built and ky never involved', async () => {
    const { fetch, calls } = scripted(() => new Response('fine'));
    const { result, handOver } = call(fetch);
    expect(await result).toBe('fine');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toBe(url);
    expect(handOver).not.toHaveBeenCalled();
  });

  it('lets ky judge a failed first attempt without sending it again, and send the retry', async () => {
    const beforeRetry = vi.fn();
    const { fetch, calls } = scripted(
      () => new Response('busy', { status: 503 }),
      () => new Response('fine'),
    );
    const { result, handOver } = call(fetch, { beforeRetry });
    expect(await result).toBe('fine');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.input).toBeInstanceOf(Request);
    expect(handOver).toHaveBeenCalledTimes(1);
    expect(beforeRetry).toHaveBeenCalledTimes(1);
  });

  it("throws ky's HTTPError, body read, for a failure ky does not retry", async () => {
    const { fetch, calls } = scripted(() => new Response('no such thing', { status: 404 }));
    const error = await call(fetch).result.catch((caught: unknown) => caught);
    expect(isHTTPError(error)).toBe(true);
    expect(isHTTPError(error) && error.response.status).toBe(404);
    expect(isHTTPError(error) && error.data).toBe('no such thing');
    expect(calls).toHaveLength(1);
  });

  it('hands a network error to ky, which retries it', async () => {
    const { fetch, calls } = scripted(
      () => {
        throw new TypeError('fetch failed');
      },
      () => new Response('fine'),
    );
    expect(await call(fetch).result).toBe('fine');
    expect(calls).toHaveLength(2);
  });

  it('lets ky apply its limit: a first attempt and `limit` retries in all', async () => {
    const busy: Answer = () => new Response('busy', { status: 503 });
    const { fetch, calls } = scripted(busy, busy, busy, busy);
    const error = await call(fetch).result.catch((caught: unknown) => caught);
    expect(isHTTPError(error) && error.response.status).toBe(503);
    expect(calls).toHaveLength(3);
  });

  it("turns a first attempt past `timeout` into ky's TimeoutError, not retried unless retryOnTimeout", async () => {
    const once = scripted(hanging);
    const error = await call(once.fetch, { timeout: 20 }).result.catch((caught: unknown) => caught);
    expect(isTimeoutError(error)).toBe(true);
    expect(once.calls).toHaveLength(1);

    const twice = scripted(hanging, () => new Response('fine'));
    const retried = call(twice.fetch, { timeout: 20, retry: { retryOnTimeout: true } });
    expect(await retried.result).toBe('fine');
    expect(twice.calls).toHaveLength(2);
  });

  it('times out a fetch that ignores its signal, as ky does', async () => {
    const { fetch, calls } = scripted(() => new Promise<Response>(() => undefined));
    const error = await call(fetch, { timeout: 20 }).result.catch((caught: unknown) => caught);
    expect(isTimeoutError(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("rejects with the caller's abort reason and sends nothing more", async () => {
    const controller = new AbortController();
    const { fetch, calls } = scripted(hanging, () => new Response('never'));
    const { result } = call(fetch, { signal: controller.signal });
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it('sends nothing when the signal is aborted already', async () => {
    const reason = new Error('aborted before the call');
    const { fetch, calls } = scripted(() => new Response('never'));
    await expect(call(fetch, { signal: AbortSignal.abort(reason) }).result).rejects.toBe(reason);
    expect(calls).toHaveLength(0);
  });

  it("lets the caller's abort cut off a failure's body that ky is still reading", async () => {
    const controller = new AbortController();
    const slowBody = (signal: AbortSignal | undefined) => {
      const body = new ReadableStream({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"error":'));
          signal?.addEventListener('abort', () => stream.error(signal.reason));
        },
      });
      return new Response(body, { status: 503 });
    };
    const { fetch } = scripted(slowBody);
    const { result, handOver } = call(fetch, { signal: controller.signal, timeout: 60_000 });
    await vi.waitFor(() => expect(handOver).toHaveBeenCalled());
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await expect(result).rejects.toBeDefined();
  });

  it('leaves no listener on the caller signal, even when fetch never settles', async () => {
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const { fetch } = scripted(() => new Promise<Response>(() => undefined));
    await call(fetch, { timeout: 20, signal: controller.signal }).result.catch(() => undefined);
    expect(added).toHaveBeenCalled();
    const listenersOf = (spy: typeof added) => spy.mock.calls.map(([, listener]) => listener);
    expect(listenersOf(removed)).toEqual(expect.arrayContaining(listenersOf(added)));
  });
});

describe('hasHooks', () => {
  it('is false for no hooks or empty lists, true for any hook', () => {
    expect(hasHooks(undefined)).toBe(false);
    expect(hasHooks({})).toBe(false);
    expect(hasHooks({ beforeRequest: [], afterResponse: [] })).toBe(false);
    expect(hasHooks({ beforeError: [({ error }: { error: Error }) => error] })).toBe(true);
  });
});
