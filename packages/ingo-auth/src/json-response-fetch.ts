import { ResponseFormatError } from '@bridgekit/errors';
import { bufferedResponse, type Fetch, readBufferedBody } from '@bridgekit/http';

/** Wraps fetches so that they check a successful answer is JSON, and keeps the parsed bodies. */
export interface JsonResponses {
  /** A `fetch` that reads and parses every successful answer of `baseFetch`. */
  readonly wrap: (baseFetch: Fetch) => Fetch;
  /** The parsed body of a response a wrapped fetch returned; undefined for any other response. */
  readonly bodyOf: (response: Response) => { readonly body: unknown } | undefined;
}

/**
@internal Wraps `fetch` so that a successful answer is read and parsed inside ky's retry loop: a
body that breaks off is then retried like any other network failure, within ky's own timeout and
retry budget, and the caller gets the body parsed once, with no clone.
*/
export function createJsonResponses(): JsonResponses {
  const bodies = new WeakMap<Response, { readonly body: unknown }>();
  const wrap =
    (baseFetch: Fetch): Fetch =>
    async (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await baseFetch(request);
      if (!response.ok) return response;
      const text = await readBufferedBody(response, request);
      const buffered = bufferedResponse(text, response);
      bodies.set(buffered, {
        body: parseJson(text, { method: request.method, url: request.url, status: response.status }),
      });
      return buffered;
    };
  return { wrap, bodyOf: (response) => bodies.get(response) };
}

/** @internal Parses a successful answer's body; text that is not JSON is a `ResponseFormatError`. */
export function parseJson(
  text: string,
  where: { readonly method: string; readonly url: string; readonly status: number },
): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // No `cause`: the parser's message quotes the body.
    throw new ResponseFormatError({
      ...where,
      expected: 'a JSON body',
      received: `${text.length} characters that are not JSON`,
    });
  }
}
