import { createHttpError } from './create-http-error.js';
import type { HttpError } from './http-error.js';

/** A body as text: parsed JSON when it parses, the text otherwise, undefined when empty. */
function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
Reads a failed `Response`'s body (JSON when it parses, text otherwise) and maps it with
{@link createHttpError}.

@example
```
if (!response.ok) throw await errorFromResponse(response, {method: 'GET', url});
```
*/
export async function errorFromResponse(
  response: Response,
  request: { readonly method: string; readonly url?: string | URL | undefined },
): Promise<HttpError> {
  let body: unknown;
  try {
    body = parseBody(await response.text());
  } catch {
    body = undefined;
  }
  return createHttpError({
    status: response.status,
    method: request.method,
    url: request.url ?? response.url,
    headers: response.headers,
    body,
  });
}
