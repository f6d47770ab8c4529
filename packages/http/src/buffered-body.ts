import { NetworkError, ResponseTooLargeError } from '@bridgekit/errors';

/** What a body reader needs to know of the request it answers: a `Request` has this shape. */
export interface RequestContext {
  readonly method: string;
  readonly url: string;
  readonly signal?: AbortSignal | undefined;
}

/** The most a body may hold, in bytes after decompression, and the option that sets it. */
export interface BodyLimit {
  /**
  The limit in bytes.
  @example 16_777_216
  */
  readonly bytes: number;
  /**
  The option that sets it, for the error's message; undefined for a fixed limit.
  @example 'maxResponseBytes'
  */
  readonly option?: string | undefined;
}

function tooLarge(response: Response, request: RequestContext, limit: BodyLimit): ResponseTooLargeError {
  return new ResponseTooLargeError({
    limit: limit.bytes,
    option: limit.option,
    status: response.status,
    method: request.method,
    url: request.url,
  });
}

// Chunk by chunk rather than `response.text()`: an endless body must stop at the limit, and the
// platform counts the bytes after decompression, which is what memory holds. A failure's body is
// cut at the limit instead: its status, not its size, decides what the caller gets (a proxy's
// 503 page over 64 KiB is still a retryable 503).
async function readWithin(response: Response, request: RequestContext, limit: BodyLimit): Promise<string> {
  if (response.body === null) return '';
  const declared = response.headers.get('content-length');
  if (declared !== null && !response.headers.has('content-encoding')) {
    // The platform's fetch stops a body at its declared length: within the limit, one read does.
    if (Number(declared) <= limit.bytes) return await response.text();
    if (response.ok) {
      void response.body.cancel().catch(() => undefined);
      throw tooLarge(response, request, limit);
    }
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit.bytes) {
      void reader.cancel().catch(() => undefined);
      if (!response.ok)
        return text + decoder.decode(value.subarray(0, value.byteLength - (size - limit.bytes)));
      throw tooLarge(response, request, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
Reads a response body to the end, or to `limit`: then the stream is cancelled and, for a
successful answer, the call fails with a `ResponseTooLargeError`, never retried; a failure's
body is cut at the limit and returned, so that its status decides. A body that breaks off becomes a retryable
`NetworkError` (so a client that reads it inside ky's `fetch` retries it in ky's own loop), except
when the caller aborted: then the caller's abort is what is thrown, never a retryable failure.

@example
```
const text = await readBufferedBody(response, request, {bytes: 16 * 1024 * 1024, option: 'maxResponseBytes'});
```
*/
export async function readBufferedBody(
  response: Response,
  request: RequestContext,
  limit: BodyLimit,
): Promise<string> {
  try {
    return await readWithin(response, request, limit);
  } catch (cause) {
    if (ResponseTooLargeError.isInstance(cause)) throw cause;
    if (request.signal?.aborted) throw request.signal.reason ?? cause;
    throw new NetworkError('The response body broke off before it was complete', {
      method: request.method,
      url: request.url,
      cause,
    });
  }
}

const nullBodyStatuses: ReadonlySet<number> = new Set([204, 205, 304]);

/**
A `Response` that holds `text` as its body, with the status and headers of `response`: what a
client returns to ky after it has read and checked the original body.
*/
export function bufferedResponse(
  text: string,
  response: Response,
  status: number = response.status,
): Response {
  // 204, 205 and 304 carry no body: `new Response(text, {status: 204})` would throw.
  return new Response(nullBodyStatuses.has(status) ? null : text, {
    status,
    ...(status === response.status ? { statusText: response.statusText } : {}),
    headers: response.headers,
  });
}

/** Answers handed on with their body read, and the text it was read into. */
const readAnswers = new WeakMap<Response, string>();

/**
@internal Hands on `response`, its body read into `text`, with no copy made yet: most callers
want only the value read from it, and a copy (a new `Response`, its headers copied) costs each
call. `unreadCopy()` makes one from the text when someone reads the response.
*/
export function handedOnRead(response: Response, text: string): Response {
  readAnswers.set(response, text);
  return response;
}

/** @internal A copy of a call's final response with its body unread: from its text when it was handed on read. */
export function unreadCopy(response: Response): Response {
  const text = readAnswers.get(response);
  return text === undefined ? response.clone() : bufferedResponse(text, response);
}
