import { isHttpError } from '@bridgekit/errors';
import { bufferedResponse, type Fetch, readBufferedBody } from '@bridgekit/http';
import { unwrapEnvelope } from './envelope.js';

/** A `fetch` that checks the Intend envelope, and where the checked `data` can be read back. */
export interface EnvelopeFetch {
  readonly fetch: Fetch;
  /** The envelope's `data` of a response this fetch returned; undefined for any other response. */
  readonly dataOf: (response: Response) => { readonly data: unknown } | undefined;
}

/**
@internal Wraps `fetch` so that the envelope is checked inside ky's retry loop, as part of the
fetch ky retries: a body that breaks off, or a failure envelope over HTTP 200, is then retried (or
not) like any other failure, within the same `timeout` and retry budget, and without an
afterResponse clone.
*/
export function createEnvelopeFetch(baseFetch: Fetch): EnvelopeFetch {
  const envelopes = new WeakMap<Response, { readonly data: unknown }>();
  const fetch: Fetch = async (input, init) => {
    // ky passes its Request and extra init; a new Request per call would copy it for nothing.
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await baseFetch(input, init);
    if (!response.ok) return response;
    const text = await readBufferedBody(response, request);
    const context = {
      method: request.method,
      url: request.url,
      status: response.status,
      headers: response.headers,
    };
    let data: unknown;
    try {
      data = unwrapEnvelope(text, context);
    } catch (error) {
      // A failure envelope becomes the HTTP failure it describes, so ky's status-based retries apply.
      if (isHttpError(error) && error.status >= 400 && error.status <= 599) {
        return bufferedResponse(text, response, error.status);
      }
      throw error;
    }
    const buffered = bufferedResponse(text, response);
    envelopes.set(buffered, { data });
    return buffered;
  };
  return { fetch, dataOf: (response) => envelopes.get(response) };
}
