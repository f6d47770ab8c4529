import type { RequestContext } from './buffered-body.js';

/** A request as `fetch(url, init)` takes it, with a body that can be sent more than once. */
export interface RequestParts {
  readonly url: string;
  readonly init: RequestInit;
}

/**
A body's bytes, read with a reader that is released at the end: ky cancels the body of the
request it sent once the call settles, and a stream left locked (as `arrayBuffer()` leaves it)
makes that cancel fail, with an error and its stack on every call.
*/
async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
      size += read.value.byteLength;
    }
    if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } finally {
    reader.releaseLock();
  }
}

async function partsOfRequest(request: Request, signal: AbortSignal): Promise<RequestParts> {
  const body = request.body === null ? undefined : await bytesOf(request.body);
  return {
    url: request.url,
    init: {
      method: request.method,
      headers: request.headers,
      ...(body === undefined ? {} : { body }),
      signal,
      redirect: request.redirect,
      keepalive: request.keepalive,
    },
  };
}

/**
What a wrapped `fetch` was asked to send, as a URL and an init: from ky's `Request`, its body read
once (API bodies are small JSON, so sending it twice needs no stream tee); from a URL and an init
(a first attempt's, whose body is a string), as they are, without a promise.

@example
```
const parts = requestParts(input, init);
const {url, init: sent} = parts instanceof Promise ? await parts : parts;
```
*/
export function requestParts(
  input: Request | string | URL,
  init: RequestInit | undefined,
): RequestParts | Promise<RequestParts> {
  // An init's signal wins over the request's, as in `fetch(request, init)`.
  return input instanceof Request
    ? partsOfRequest(input, init?.signal ?? input.signal)
    : { url: String(input), init: init ?? {} };
}

/**
What a body reader and an error message need of a request: ky's `Request` itself, or a first
attempt's URL and init, without building a `Request` from them.

@example
```
const text = await readBufferedBody(response, requestContext(input, init));
```
*/
export function requestContext(input: Request | string | URL, init: RequestInit | undefined): RequestContext {
  if (input instanceof Request) {
    return init?.signal ? { method: input.method, url: input.url, signal: init.signal } : input;
  }
  return { method: init?.method ?? 'GET', url: String(input), signal: init?.signal ?? undefined };
}

function isPlainRecord(headers: HeadersInit | undefined): headers is Record<string, string> {
  return typeof headers === 'object' && !Array.isArray(headers) && !(headers instanceof Headers);
}

/**
A copy of `init` with header `name` (lower case) set to `value`: a plain object stays one (a
spread, not a copy into `Headers`), and any other spelling of the name is dropped, as
`Headers.set` would.

@example
```
fetch(url, withHeader(init, 'authorization', `Bearer ${token}`));
```
*/
export function withHeader(init: RequestInit, name: string, value: string): RequestInit {
  const { headers } = init;
  if (headers === undefined || isPlainRecord(headers)) {
    const copy: Record<string, string> = {};
    for (const key in headers) if (key.toLowerCase() !== name) copy[key] = headers[key] as string;
    copy[name] = value;
    return { ...init, headers: copy };
  }
  const copy = new Headers(headers);
  copy.set(name, value);
  return { ...init, headers: copy };
}
