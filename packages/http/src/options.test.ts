import { inspect } from 'node:util';
import { isConfigurationError, isNetworkError, ServerError } from '@bridgekit/errors';
import ky, { type RetryOptions, type ShouldRetryState } from 'ky';
import { describe, expect, it } from 'vitest';
import {
  bufferedResponse,
  callKyOptions,
  checkHeader,
  checkHeaders,
  checkHooks,
  checkStringRecord,
  maxTimerDelay,
  parseHttpUrl,
  readBufferedBody,
  resolveBaseUrl,
  resolveDuration,
  resolveFetch,
  resolveRetryOptions,
  retryableStatuses,
  toBridgekitError,
  withUserHooks,
} from './index.js';
import { withRealSignal } from './signal-option.js';
import { thrown } from './testing/thrown.js';

describe('URL options', () => {
  it('keep a path prefix, add the trailing slash and drop query and fragment', () => {
    expect(resolveBaseUrl('https://proxy.test/intend?x=1#y', { option: 'baseUrl' }).href).toBe(
      'https://proxy.test/intend/',
    );
    expect(new URL('api/clients', resolveBaseUrl('https://proxy.test/t/', { option: 'baseUrl' })).href).toBe(
      'https://proxy.test/t/api/clients',
    );
  });

  it('reject user info without echoing the URL', () => {
    const error = thrown(() =>
      parseHttpUrl('http://user:hunter2-password@host.test/', { option: 'baseUrl' }),
    );
    expect(isConfigurationError(error)).toBe(true);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain('hunter2-password');
    }
    expect(String(error)).toContain('without user info');
  });

  it.each([['ftp://host.test/'], ['not a url'], [5], [null], [{}]])('reject %s', (value) => {
    expect(isConfigurationError(thrown(() => resolveBaseUrl(value, { option: 'baseUrl' })))).toBe(true);
  });
});

describe('durations', () => {
  it.each([[2 ** 31], [Number.NaN], [Number.POSITIVE_INFINITY], [-1], [0], ['5'], [null]])(
    'reject %s',
    (value) => {
      expect(
        isConfigurationError(thrown(() => resolveDuration(value, { option: 'timeout', fallback: 1 }))),
      ).toBe(true);
    },
  );

  it('accept the largest timer delay, zero where allowed, and fall back when absent', () => {
    expect(resolveDuration(maxTimerDelay, { option: 'timeout', fallback: 1 })).toBe(maxTimerDelay);
    expect(resolveDuration(0, { option: 'refreshAhead', fallback: 1, allowZero: true })).toBe(0);
    expect(resolveDuration(undefined, { option: 'timeout', fallback: 7 })).toBe(7);
  });
});

describe('retry options', () => {
  it('read a number as ky limit, merge objects over the defaults', () => {
    // Every result carries the guard that keeps final bridgekit errors final.
    // And every client's baseline: the retryable statuses, Retry-After on 429 and 503, timeouts.
    const plain = (retry: RetryOptions) => {
      expect(typeof retry.shouldRetry).toBe('function');
      const { shouldRetry: _guard, statusCodes, afterStatusCodes, retryOnTimeout, ...rest } = retry;
      // ky is told the common ones; `shouldRetry` retries the rest of the retryable statuses.
      expect(statusCodes).toEqual([408, 429, 500, 502, 503, 504]);
      expect(afterStatusCodes).toEqual([429, 503]);
      expect(retryOnTimeout).toBe(true);
      return rest;
    };
    expect(plain(resolveRetryOptions(0, { limit: 2, methods: ['get'] }))).toEqual({
      limit: 0,
      methods: ['get'],
    });
    expect(plain(resolveRetryOptions({ backoffLimit: 10 }, { limit: 2 }))).toEqual({
      limit: 2,
      backoffLimit: 10,
    });
    expect(plain(resolveRetryOptions(undefined, { limit: 2 }))).toEqual({ limit: 2 });
  });

  it.each([
    [null],
    [-1],
    [1.5],
    [1e308],
    [21],
    ['2'],
    [{ limit: 100_000 }],
    [{ shouldRetry: 1 }],
    [{ methods: 'get' }],
  ])('reject %s', (value) => {
    expect(isConfigurationError(thrown(() => resolveRetryOptions(value, { limit: 2 })))).toBe(true);
  });

  it('let the client decide first and ask the user only where it says nothing', () => {
    const asked: unknown[] = [];
    const options = resolveRetryOptions(
      {
        shouldRetry: ({ error }: ShouldRetryState) => {
          asked.push(error.message);
          return true;
        },
      },
      { limit: 2 },
      ({ error }) => (error.message === 'token' ? false : undefined),
    );
    const state = (message: string) => ({ error: new Error(message), retryCount: 1 });
    expect(options.shouldRetry?.(state('token'))).toBe(false);
    expect(options.shouldRetry?.(state('api'))).toBe(true);
    expect(asked).toEqual(['api']);
  });
});

describe('hooks', () => {
  it.each([[5], [{ beforeRequest: 5 }], [{ afterResponse: [1] }], [null]])('reject %s', (hooks) => {
    expect(isConfigurationError(thrown(() => checkHooks(hooks)))).toBe(true);
  });

  it("run the user's hooks after the client's own, through ky's extend", async () => {
    const order: string[] = [];
    const fetch = async () => new Response('{}');
    const base = ky.create({ fetch, hooks: { beforeRequest: [() => void order.push('client')] } });
    const api = withUserHooks(base, { beforeRequest: [() => void order.push('user')] });
    await api.get('https://x.test/');
    expect(order).toEqual(['client', 'user']);
  });
});

describe('bodies', () => {
  const brokenBody = () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"a":'));
          controller.error(new Error('socket hang up'));
        },
      }),
    );

  it('turn a body that broke off into a retryable NetworkError', async () => {
    const error = await readBufferedBody(brokenBody(), new Request('https://x.test/a'), {
      bytes: 1024,
    }).catch((caught) => caught);
    expect(isNetworkError(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('broke off');
  });

  it("rethrow the caller's abort instead", async () => {
    const controller = new AbortController();
    const reason = new Error('caller left');
    controller.abort(reason);
    const request = new Request('https://x.test/a', { signal: controller.signal });
    await expect(readBufferedBody(brokenBody(), request, { bytes: 1024 })).rejects.toBe(reason);
  });

  it('keep status and headers on the buffered copy', async () => {
    const original = new Response('x', { status: 201, statusText: 'Created', headers: { 'x-a': '1' } });
    const copy = bufferedResponse('hello', original);
    expect([copy.status, copy.statusText, copy.headers.get('x-a'), await copy.text()]).toEqual([
      201,
      'Created',
      '1',
      'hello',
    ]);
    expect(bufferedResponse('x', original, 503).status).toBe(503);
    // Statuses without a body: the copy has none, instead of throwing.
    expect(bufferedResponse('', new Response(null, { status: 204 })).status).toBe(204);
  });
});

describe('retried statuses', () => {
  const answering = (...statuses: number[]) => {
    const sent: number[] = [];
    const fetch = async () => {
      const status = statuses[Math.min(sent.length, statuses.length - 1)] ?? 200;
      sent.push(status);
      return new Response(status === 200 ? '{}' : 'no', { status });
    };
    return { fetch, sent };
  };

  it('retry every retryable status, those ky is not told of too, and no other', async () => {
    const retry = resolveRetryOptions(undefined, { limit: 2, delay: () => 0 });
    for (const status of [520, 507, 599, 503]) {
      const { fetch, sent } = answering(status, 200);
      await ky('https://x.test/', { fetch, retry }).json();
      expect(sent).toEqual([status, 200]);
    }
    for (const status of [501, 505, 413, 404]) {
      const { fetch, sent } = answering(status, 200);
      await ky('https://x.test/', { fetch, retry }).catch(() => undefined);
      expect(sent).toEqual([status]);
    }
  });

  it("retry the unlisted statuses after a user's shouldRetry that says nothing, async too", async () => {
    for (const shouldRetry of [async () => undefined, () => undefined, async () => 0 as unknown as boolean]) {
      const retry = resolveRetryOptions({ shouldRetry }, { limit: 2, delay: () => 0 });
      const { fetch, sent } = answering(520, 200);
      await ky('https://x.test/', { fetch, retry }).json();
      expect(sent).toEqual([520, 200]);
    }
    const refused = resolveRetryOptions({ shouldRetry: async () => false }, { limit: 2, delay: () => 0 });
    const { fetch, sent } = answering(520, 200);
    await ky('https://x.test/', { fetch, retry: refused }).catch(() => undefined);
    expect(sent).toEqual([520]);
  });

  it('wait out the Retry-After of a status the user adds to afterStatusCodes', async () => {
    // A backoff of a minute: only the server's Retry-After of 0 s lets this end within the test.
    const retry = resolveRetryOptions(
      { afterStatusCodes: [429, 503, 529] },
      { limit: 1, delay: () => 60_000 },
    );
    expect(retry.statusCodes).toContain(529);
    let sent = 0;
    const fetch = async () => {
      sent += 1;
      return sent === 1
        ? new Response('busy', { status: 529, headers: { 'retry-after': '0' } })
        : Response.json({});
    };
    await ky('https://x.test/', { fetch, retry }).json();
    expect(sent).toBe(2);
  });

  it("narrow to a call's or a client's own status list, and keep the client's rule in a call's retry", async () => {
    const clientRetry = resolveRetryOptions(undefined, { limit: 2, delay: () => 0 }, ({ retryCount }) =>
      retryCount > 1 ? false : undefined,
    );
    const perCall = callKyOptions({ retry: { statusCodes: [500] } }, clientRetry);
    const narrowed = answering(520, 200);
    await ky('https://x.test/', { fetch: narrowed.fetch, ...perCall }).catch(() => undefined);
    expect(narrowed.sent).toEqual([520]);
    const own = resolveRetryOptions({ statusCodes: [500] }, { limit: 2, delay: () => 0 });
    const unlisted = answering(507, 200);
    await ky('https://x.test/', { fetch: unlisted.fetch, retry: own }).catch(() => undefined);
    expect(unlisted.sent).toEqual([507]);
    // The client's rule (one retry at most here) still decides a call that sets only its limit.
    const limited = answering(503, 503, 503, 200);
    const fiveTimes = callKyOptions({ retry: 5 }, clientRetry);
    await ky('https://x.test/', { fetch: limited.fetch, ...fiveTimes }).catch(() => undefined);
    expect(limited.sent).toEqual([503, 503]);
  });
});

describe('retryable statuses and fetch', () => {
  it('agree with HttpError.retryable', () => {
    expect(retryableStatuses).toContain(408);
    expect(retryableStatuses).toContain(429);
    expect(retryableStatuses).toContain(503);
    expect(retryableStatuses).not.toContain(501);
    expect(retryableStatuses).not.toContain(413);
    for (const status of retryableStatuses) {
      expect(new ServerError({ status, method: 'GET', url: 'https://x.test/' }).retryable).toBe(true);
    }
  });

  it('check the fetch option', () => {
    expect(isConfigurationError(thrown(() => resolveFetch({})))).toBe(true);
    expect(typeof resolveFetch(undefined)).toBe('function');
  });

  it('let a client map its own error bodies', async () => {
    const fetch = async () => Response.json({ msg: 'mine' }, { status: 400 });
    const failure = await ky('https://x.test/', { fetch, retry: 0 }).catch((error: unknown) => error);
    const mapped = toBridgekitError(failure, {
      method: 'GET',
      url: 'https://x.test/',
      timeout: 1,
      service: 'x',
      reachHint: 'y',
      mapHttpError: (_response, body) =>
        new ServerError({
          status: 599,
          method: 'GET',
          url: 'https://x.test/',
          serverMessage: String((body as { msg: string }).msg),
        }),
    });
    expect(mapped.message).toContain('mine');
  });
});

describe('header options', () => {
  it('refuse a value a request cannot carry, naming the header and not repeating the value', () => {
    const error = thrown(() => checkHeaders({ 'x-extra': 'secret\r\nInjected: yes' }));
    expect(isConfigurationError(error)).toBe(true);
    expect(error).toMatchObject({ option: 'headers.x-extra' });
    expect(String(error)).not.toContain('secret');
    expect(() => checkHeader('user-agent', '\u{1F600}', 'userAgent')).toThrow(/userAgent/);
  });

  it('refuse what is not a plain object, with a hint for a Headers object', () => {
    expect(thrown(() => checkHeaders(new AbortController().signal))).toMatchObject({ option: 'headers' });
    expect(String(thrown(() => checkHeaders(new Headers({ a: 'b' }))))).toContain(
      'Object.fromEntries(headers)',
    );
  });

  it('return a copy of the string-named entries', () => {
    const given = { a: '1', [Symbol('hidden')]: 'x' };
    const checked = checkStringRecord(given, 'headers');
    expect(checked).toEqual({ a: '1' });
    expect(checked).not.toBe(given);
  });
});

describe('withRealSignal', () => {
  it('runs on a real signal that follows a look-alike, until the run settles', async () => {
    const events = new EventTarget();
    let listeners = 0;
    const lookAlike = {
      aborted: false,
      reason: 'the caller gave up',
      addEventListener: (type: string, listener: EventListener) => {
        listeners += 1;
        events.addEventListener(type, listener);
      },
      removeEventListener: (type: string, listener: EventListener) => {
        listeners -= 1;
        events.removeEventListener(type, listener);
      },
    } as unknown as AbortSignal;
    const seen = await withRealSignal(lookAlike, async (signal) => {
      expect(signal).toBeInstanceOf(AbortSignal);
      events.dispatchEvent(new Event('abort'));
      return signal;
    });
    expect(seen.aborted).toBe(true);
    expect(seen.reason).toBe('the caller gave up');
    expect(listeners).toBe(0);
  });
});
