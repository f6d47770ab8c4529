const redacted = '[REDACTED]';

// Compared after lower-casing and folding `-` to `_`, so `api-key`, `API_KEY` and `Api-Key` match.
const sensitiveNames: ReadonlySet<string> = new Set([
  'signature',
  'api_key',
  'apikey',
  'x_api_key',
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'client_secret',
  'secret',
  'secret_key',
  'secretkey',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'password',
  'assertion',
]);

function normalize(name: string): string {
  return name.toLowerCase().replaceAll('-', '_');
}

/** Whether a query parameter, header or body field of this name holds a credential. */
export function isSensitiveName(name: string): boolean {
  return sensitiveNames.has(normalize(name));
}

/**
Returns `url` with credentials removed: user info is dropped and the values of sensitive query
parameters (`signature`, `api-key`, `client_secret`, `access_token`, ...) become `[REDACTED]`.
A string that is not a valid absolute URL is returned without its query string and user info.

@example
```
redactUrl('https://acme.intend.com/api/clients?page=2&signature=abc');
//=> 'https://acme.intend.com/api/clients?page=2&signature=%5BREDACTED%5D'
```
*/
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparseable (relative, or user info containing `/`): drop the query and anything before an `@`.
    const text = String(url);
    const queryStart = text.search(/[?#]/);
    const withoutQuery = queryStart === -1 ? text : text.slice(0, queryStart);
    const at = withoutQuery.lastIndexOf('@');
    if (at === -1) return withoutQuery;
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(withoutQuery)?.[0] ?? '';
    return `${scheme}${redacted}${withoutQuery.slice(at)}`;
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    if (isSensitiveName(name)) parsed.searchParams.set(name, redacted);
  }
  parsed.hash = '';
  return parsed.href;
}

/** Any header collection that `new Headers()` accepts. */
export type HeadersLike =
  | Headers
  | Record<string, string | readonly string[] | undefined>
  | [string, string][];

/**
Returns a plain object of the headers with the values of credential headers (`authorization`,
`signature`, `api-key`, `cookie`, ...) replaced by `[REDACTED]`. Names are lower-cased.

@example
```
redactHeaders({Authorization: 'Bearer abc', Accept: 'application/json'});
//=> {authorization: '[REDACTED]', accept: 'application/json'}
```
*/
export function redactHeaders(headers: HeadersLike): Record<string, string> {
  const result: Record<string, string> = {};
  const entries: Iterable<[string, unknown]> =
    headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    result[key] = isSensitiveName(key) ? redacted : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

// Credentials servers echo into free text: `client_secret=…`, `"api-key": "…"`, `password: …`,
// `Bearer …`. The names that read unambiguously also match with a plain space before the value.
const textCredential =
  /\b(client_secret|secret_key|secretkey|api[-_]?key|access_token|refresh_token|id_token|password|signature|secret|token|authorization)(["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi;
const spacedCredential =
  /\b(client_secret|secret_key|api[-_]key|access_token|refresh_token|password)(\s+)([^\s"'&,;]+)/gi;
const authorizationScheme = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/g;

/**
Returns `text` with credential values blanked: `name=value`, `name: value` and `"name": "value"`
for credential names, `client_secret value`, and `Bearer …` / `Basic …` credentials. For messages
and plain-text bodies a server sent, which may echo what it was given.

@example
```
redactText('invalid client_secret=s3cr3t for client demo');
//=> 'invalid client_secret=[REDACTED] for client demo'
```
*/
export function redactText(text: string): string {
  // Schemes first: `Authorization: Bearer x` would otherwise lose only the word `Bearer`.
  return text
    .replace(
      authorizationScheme,
      (_match, scheme: string, separator: string) => `${scheme}${separator}${redacted}`,
    )
    .replace(textCredential, (_match, name: string, separator: string) => `${name}${separator}${redacted}`)
    .replace(spacedCredential, (_match, name: string, separator: string) => `${name}${separator}${redacted}`);
}

/**
Returns a deep copy of a parsed JSON body with the values of credential fields replaced by
`[REDACTED]` and every string passed through {@link redactText}, so a server's response can be
kept on an error and logged.
*/
export function redactBody(body: unknown, depth = 0): unknown {
  if (typeof body === 'string') return redactText(body);
  if (depth > 8 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((item) => redactBody(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    result[key] = isSensitiveName(key) ? redacted : redactBody(value, depth + 1);
  }
  return result;
}
