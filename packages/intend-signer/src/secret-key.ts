import { ConfigurationError, type Secret } from '@bridgekit/errors';

function isSecret(value: unknown): value is Secret {
  // Duck-typed rather than `instanceof`, so a Secret from another copy of @bridgekit/errors works.
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<Secret>).reveal === 'function'
  );
}

/** @internal Validates a secret key given as a string or a `Secret`, and returns its value. */
export function revealSecretKey(value: unknown, option: string): string {
  const secret = isSecret(value) ? value.reveal() : value;
  if (typeof secret === 'string' && secret.length > 0 && secret.trim() === secret) return secret;
  // ConfigurationError describes `received` by kind and length only, never by content.
  throw new ConfigurationError({
    option,
    expected: 'a non-empty string (or Secret) without surrounding whitespace',
    received: secret,
    hint:
      typeof secret === 'string' && secret.trim() !== secret
        ? 'A trailing newline from a file or an environment variable is the usual cause.'
        : undefined,
  });
}
