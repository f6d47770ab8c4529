import { NetworkError } from '@bridgekit/errors';

/** What a body reader needs to know of the request it answers: a `Request` has this shape. */
export interface RequestContext {
  readonly method: string;
  readonly url: string;
  readonly signal?: AbortSignal | undefined;
}

/**
Reads a response body to the end. A body that breaks off becomes a retryable `NetworkError`
(so a client that reads it inside ky's `fetch` retries it in ky's own loop), except when the
caller aborted: then the caller's abort is what is thrown, never a retryable failure.

@example
```
const text = await readBufferedBody(response, request);
```
*/
export async function readBufferedBody(response: Response, request: RequestContext): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
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
