import { describeValue, ResponseFormatError } from '@bridgekit/errors';

/** Where a body came from, for the error's fields and message. */
export interface BodySource {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

/** Text that is not JSON, described without quoting it. */
function describeText(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.length === 0) return 'an empty body';
  if (trimmed.startsWith('<')) return 'an HTML page';
  return `${text.length} characters that are not JSON`;
}

/**
Parses a body that must be a JSON object. Text that is not JSON, or JSON that is no object, is a
`ResponseFormatError` that names the request, the status and what came instead, and never the
body's values (the parser's own message would quote them).

@example
```
const fields = parseJsonObject(await response.text(), {method: 'POST', url, status: 200}, 'a JSON object');
```
*/
export function parseJsonObject(text: string, source: BodySource, expected: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ResponseFormatError({ ...source, expected, received: describeText(text) });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ResponseFormatError({ ...source, expected, received: describeValue(body) });
  }
  return body as Record<string, unknown>;
}
