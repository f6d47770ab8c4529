import ky, { isHTTPError } from 'ky';
import { describe, expect, it } from 'vitest';
import {
  type BodyVerdict,
  CallPromise,
  createCheckedFetch,
  type Fetch,
  readsAnswers,
  requestContext,
  requestParts,
  sendCall,
  withHeader,
} from './index.js';

const url = 'https://api.test/things';

/** Answers `{ok: true, value}` as a value and `{ok: false, status}` as a failure that status describes. */
function checkBody(text: string): BodyVerdict<unknown> {
  const body = JSON.parse(text) as { ok: boolean; value?: unknown; status?: number };
  return body.ok
    ? { value: body.value }
    : { failureStatus: body.status ?? 500, error: new Error(`failed with ${body.status}`) };
}

function counting(...answers: Array<() => Response>) {
  let calls = 0;
  const fetch: Fetch = async () => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls += 1;
    if (!answer) throw new Error('no answer');
    return answer();
  };
  return { fetch, calls: () => calls };
}

const limit = { bytes: 1024 * 1024, option: 'maxResponseBytes' };

describe('createCheckedFetch', () => {
  it('checks a success inside ky and keeps its value for the caller', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const server = counting(() => Response.json({ ok: true, value: [1, 2] }));
    const response = await ky.get(url, { fetch: answers.wrap(server.fetch) });
    expect(answers.valueOf(response)).toEqual({ value: [1, 2] });
    expect(answers.valueOf(new Response('{}'))).toBeUndefined();
  });

  it('turns a failure the body reports into its status, which ky retries', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const server = counting(
      () => Response.json({ ok: false, status: 503 }),
      () => Response.json({ ok: true, value: 'fine' }),
    );
    const response = await ky.get(url, {
      fetch: answers.wrap(server.fetch),
      retry: { limit: 1, delay: () => 0 },
    });
    expect(answers.valueOf(response)?.value).toBe('fine');
    expect(server.calls()).toBe(2);
    const failing = counting(() => Response.json({ ok: false, status: 400 }));
    const error = await ky
      .get(url, { fetch: answers.wrap(failing.fetch) })
      .catch((caught: unknown) => caught);
    expect(isHTTPError(error) && error.response.status).toBe(400);
  });

  it('reads a failure within the limit and re-reads a response made elsewhere', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const request = { method: 'GET', url };
    const failed = await ky
      .get(url, { fetch: answers.wrap(async () => new Response('nope', { status: 404 })), retry: 0 })
      .catch((caught: unknown) => caught);
    expect(isHTTPError(failed) && [failed.response.status, failed.data]).toEqual([404, 'nope']);
    expect(await answers.reread(Response.json({ ok: true, value: 2 }), request)).toBe(2);
    await expect(answers.reread(Response.json({ ok: false, status: 404 }), request)).rejects.toThrow(
      'failed with 404',
    );
  });
});

describe('sendCall', () => {
  it('sends through ky, leaves retries to ky, and resolves with the checked value and the response', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const server = counting(
      () => Response.json({ ok: false, status: 503 }),
      () => Response.json({ ok: true, value: 'fine' }, { headers: { 'x-request-id': 'r-2' } }),
    );
    const outcome = await sendCall({
      instance: ky.create({ fetch: answers.wrap(server.fetch), retry: { limit: 2, delay: () => 0 } }),
      url,
      options: { method: 'get' },
      answers,
    });
    expect(outcome.value).toBe('fine');
    expect(outcome.response.headers.get('x-request-id')).toBe('r-2');
    expect(server.calls()).toBe(2);
  });
});

describe('answers handed on read', () => {
  it('copies a checked answer only for a reader, and copies every one where a body may be read', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const server = counting(() =>
      Response.json({ ok: true, value: 7 }, { headers: { 'x-request-id': 'r-7' } }),
    );
    const read = await ky.get(url, { fetch: answers.wrap(server.fetch, { copyBody: false }) });
    expect(read.bodyUsed).toBe(true);
    expect(answers.valueOf(read)?.value).toBe(7);
    const result = new CallPromise(
      Promise.resolve({ data: 7, response: read, requestId: 'r-7', attempts: 1, retryDelayMs: 0 }),
    );
    const first = await result.withResponse();
    // Each reader gets its own copy, the headers and status of the answer, the body unread.
    expect(first.response).toBe(first.response);
    expect(await first.response.json()).toEqual({ ok: true, value: 7 });
    expect((await result.withResponse()).response.headers.get('x-request-id')).toBe('r-7');
    expect(await (await result.asResponse()).json()).toEqual({ ok: true, value: 7 });
    // The default: ky's own readers (`.json()`, an afterResponse hook's clone) find the body unread.
    const copied = await ky.get(url, { fetch: answers.wrap(server.fetch) }).json();
    expect(copied).toEqual({ ok: true, value: 7 });
    expect(readsAnswers({ afterResponse: [() => undefined] })).toBe(true);
    // An init hook may add an afterResponse hook or onDownloadProgress to a request.
    expect(readsAnswers({ init: [() => undefined] })).toBe(true);
    expect([readsAnswers({ afterResponse: [] }), readsAnswers(undefined), readsAnswers('x')]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('an answer a hook made', () => {
  it('is read once for its value, and withResponse() still copies it unread', async () => {
    const answers = createCheckedFetch(checkBody, limit);
    const made = Response.json({ ok: true, value: 3 });
    expect(await answers.reread(made, { method: 'GET', url })).toBe(3);
    const result = new CallPromise(
      Promise.resolve({ data: 3, response: made, requestId: undefined, attempts: 1, retryDelayMs: 0 }),
    );
    expect(await (await result.withResponse()).response.json()).toEqual({ ok: true, value: 3 });
  });
});

describe('request parts', () => {
  it("read ky's Request once into a URL and an init, and pass a URL and an init through", async () => {
    const parts = await requestParts(
      new Request(url, { method: 'POST', body: 'x', headers: { a: '1' } }),
      undefined,
    );
    expect(parts.url).toBe(url);
    expect(parts.init.method).toBe('POST');
    expect(new TextDecoder().decode(parts.init.body as ArrayBuffer)).toBe('x');
    const init = { method: 'PUT', body: 'y' };
    expect(requestParts(url, init)).toEqual({ url, init });
    expect(requestContext(url, init)).toEqual({ method: 'PUT', url, signal: undefined });
  });

  it("read a body of several chunks in order, and leave ky's Request unlocked for ky to cancel", async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of ['{"a":', '1,', '"b":2}']) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    const request = new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
    const parts = await requestParts(request, undefined);
    expect(new TextDecoder().decode(parts.init.body as Uint8Array)).toBe('{"a":1,"b":2}');
    // ky cancels the body it sent once a call settles: a locked stream would reject (an error per call).
    expect(request.body?.locked).toBe(false);
    await expect(request.body?.cancel()).resolves.toBeUndefined();
  });

  it('set one header on a copy, dropping other spellings of its name', () => {
    const init = { headers: { Authorization: 'old', accept: 'application/json' } };
    expect(withHeader(init, 'authorization', 'new').headers).toEqual({
      accept: 'application/json',
      authorization: 'new',
    });
    expect(init.headers.Authorization).toBe('old');
    const fromHeaders = withHeader(
      { headers: new Headers({ Authorization: 'old' }) },
      'authorization',
      'new',
    );
    expect(new Headers(fromHeaders.headers).get('authorization')).toBe('new');
  });
});
