import { ConfigurationError } from './configuration-error.js';
import type { Secret } from './secret.js';

function isSecretLike(value: unknown): value is Secret {
  // Duck-typed rather than `instanceof`, so that a Secret from another copy of this package works.
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<Secret>).reveal === 'function'
  );
}

/**
Checks a secret option (a secret key, a client secret) given as a string or a `Secret`, and
returns its text. Throws a `ConfigurationError` naming `option` when it is not a non-empty string,
has whitespace around it, or its `reveal()` throws; the error describes the value by kind and
length only.

@example
```
import {revealSecretOption, Secret} from '@bridgekit/errors';

const secretKey = new Secret(revealSecretOption(options.secretKey, 'secretKey'));
```
*/
export function revealSecretOption(value: unknown, option: string): string {
  const expected = 'a non-empty string (or Secret) without surrounding whitespace';
  let text: unknown;
  try {
    text = isSecretLike(value) ? value.reveal() : value;
  } catch {
    // Not the thrown error itself, nor as the cause: its message may hold the secret.
    throw new ConfigurationError({ option, expected, hint: 'Its reveal() threw.' });
  }
  if (typeof text === 'string' && text.length > 0 && text.trim() === text) return text;
  throw new ConfigurationError({
    option,
    expected,
    received: text,
    hint:
      typeof text === 'string' && text.trim() !== text
        ? 'A trailing newline from a file or an environment variable is the usual cause; trim it where the secret is read.'
        : undefined,
  });
}
