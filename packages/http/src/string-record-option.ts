import { ConfigurationError } from '@bridgekit/errors';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
Checks an option that maps names to strings (`headers`, `paths`, `scopes`): a plain object whose
values are all strings. Returns a copy of its own string-named entries; `{}` when left out.

@example
```
const paths = checkStringRecord(options.paths, 'paths');
```
*/
export function checkStringRecord(value: unknown, option: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const valid = isPlainObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
  if (!valid) {
    throw new ConfigurationError({
      option,
      expected: 'a plain object of strings',
      received: value,
      ...(value instanceof Headers
        ? { hint: 'Pass `Object.fromEntries(headers)` instead of a Headers object.' }
        : {}),
    });
  }
  return Object.fromEntries(Object.entries(value as Record<string, string>));
}

/**
Checks that a header can be sent as it is: a name and a value the platform's `Headers` accepts
(a token name; a value of Latin-1 characters without NUL, CR or LF). The value is not repeated in
the error: a header may carry a credential.

@example
```
checkHeader('user-agent', userAgent, 'userAgent');
```
*/
export function checkHeader(name: string, value: string, option: string): void {
  try {
    new Headers([[name, value]]);
  } catch {
    throw new ConfigurationError({
      option,
      expected:
        'a header a request can carry: a token name, and a value of Latin-1 characters without NUL, CR or LF',
    });
  }
}

/**
Checks a `headers` option: a plain object of strings, each name and value one a request can
carry. Returns a copy of it; `{}` when left out.

@example
```
const headers = checkHeaders(options.headers);
```
*/
export function checkHeaders(value: unknown, option = 'headers'): Readonly<Record<string, string>> {
  const headers = checkStringRecord(value, option);
  for (const [name, text] of Object.entries(headers)) checkHeader(name, text, `${option}.${name}`);
  return headers;
}
