import { ConfigurationError } from '@bridgekit/errors';

/**
Checks an option that maps names to strings (`headers`, `paths`, `scopes`): an object whose
values are all strings; `{}` when left out.

@example
```
const headers = checkStringRecord(options.headers, 'headers');
```
*/
export function checkStringRecord(value: unknown, option: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const valid =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string');
  if (!valid) throw new ConfigurationError({ option, expected: 'an object of strings', received: value });
  return value as Record<string, string>;
}
