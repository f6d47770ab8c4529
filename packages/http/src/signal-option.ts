import { ConfigurationError } from '@bridgekit/errors';

/**
Checks a `signal` option: an `AbortSignal`, or anything shaped like one (from another realm), with
`aborted`, `addEventListener` and `removeEventListener`. `fetch` itself refuses a look-alike, so
one that is not a signal is refused here, by name, before any request.

@example
```
checkSignal(options.signal);
```
*/
export function checkSignal(value: unknown, option = 'signal'): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (value instanceof AbortSignal) return value;
  const candidate = value as Partial<AbortSignal> | null;
  const shaped =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function';
  if (!shaped) throw new ConfigurationError({ option, expected: 'an AbortSignal', received: value });
  return value as AbortSignal;
}
