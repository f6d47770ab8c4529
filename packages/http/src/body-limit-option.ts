import { ConfigurationError } from '@bridgekit/errors';
import type { BodyLimit } from './buffered-body.js';

/** The default `maxResponseBytes`: 16 MiB, far above any page or score, far below a container's memory. */
export const defaultMaxResponseBytes: number = 16 * 1024 * 1024;

/**
Checks a byte-limit option (`maxResponseBytes`): a positive whole number of bytes, at most 2^31 - 1
(past that one answer alone could exhaust a process).

@example
```
const limit = resolveBodyLimit(options.maxResponseBytes);
//=> {bytes: 16777216, option: 'maxResponseBytes'}
```
*/
export function resolveBodyLimit(value: unknown, option = 'maxResponseBytes'): BodyLimit {
  if (value === undefined) return { bytes: defaultMaxResponseBytes, option };
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 2 ** 31 - 1) {
    throw new ConfigurationError({
      option,
      expected: `a whole number of bytes from 1 to ${2 ** 31 - 1}`,
      received: value,
      hint: `The default is ${defaultMaxResponseBytes} (16 MiB).`,
    });
  }
  return { bytes: value as number, option };
}
