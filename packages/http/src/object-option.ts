import { ConfigurationError, checkKnownKeys } from '@bridgekit/errors';

/**
An options argument: an object, or nothing (then `{}`); with `known`, every key must be one of
them, and an unknown one is refused with the closest known one (`client_type` → `clientType`).

@example
```
const call = objectOption('options', options, callOptionKeys); // options.tiemout → did you mean timeout?
```
*/
export function objectOption<T extends object>(
  name: string,
  value: T | undefined,
  known?: readonly string[],
): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError({ option: name, expected: 'an object (or nothing)', received: value });
  }
  if (known !== undefined) checkKnownKeys(value, known, `${name}.`);
  return value;
}
