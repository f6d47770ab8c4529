import { Secret } from './secret.js';

const redacted = '[REDACTED]';
// Shorter values would blank ordinary words: every credential bridgekit handles is longer.
const shortest = 6;

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function formEncode(text: string): string {
  return new URLSearchParams([['', text]]).toString().slice(1);
}

/** The forms a value takes in a text a server echoes or a URL carries. */
function variantsOf(value: string): string[] {
  return [value, encodeURIComponent(value), formEncode(value), toBase64(value)];
}

/**
Scrubs the secrets a client knows (a secret key, a client secret, the access tokens it issued or
received) from error texts: literally and in their common encodings (URL- and form-encoded,
Base64, and Base64 of `id:secret` when added as a pair), on top of the name-based patterns of
`redactText`. The values are kept in a private field: `JSON.stringify`, `String()` and
`util.inspect` of a scrubber show none.

@example
```
const scrubber = new SecretScrubber().add(secretKey).addPair(clientId, clientSecret);
throw scrubber.scrubError(error);
```
*/
export class SecretScrubber {
  static {
    Object.defineProperty(this.prototype, Symbol.for('nodejs.util.inspect.custom'), {
      value: () => 'SecretScrubber { [REDACTED] }',
    });
  }

  // Longest first, so that a secret's encoding is blanked whole before a part of it.
  #values: string[] = [];
  // The raw values already added, so that adding the same token on every request costs one lookup.
  readonly #added = new Set<string>();
  readonly #limit: number;

  /** `limit`: how many values are kept; the oldest go first (access tokens rotate). */
  constructor(limit = 64) {
    this.#limit = limit;
  }

  /** Adds a secret (ignored when shorter than six characters, or absent). */
  add(secret: string | Secret | undefined): this {
    const value = secret instanceof Secret ? secret.reveal() : secret;
    if (typeof value !== 'string' || value.length < shortest || this.#added.has(value)) return this;
    if (this.#added.size >= this.#limit) this.#added.clear();
    this.#added.add(value);
    const fresh = variantsOf(value).filter((variant) => !this.#values.includes(variant));
    this.#values = [...this.#values, ...fresh].slice(-this.#limit).sort((a, b) => b.length - a.length);
    return this;
  }

  /** Adds `id:secret` in the forms HTTP Basic credentials take (RFC 6749 2.3.1 encodes each half first). */
  addPair(id: string, secret: string | Secret): this {
    const value = secret instanceof Secret ? secret.reveal() : secret;
    this.add(value);
    for (const pair of [`${id}:${value}`, `${formEncode(id)}:${formEncode(value)}`]) {
      const encoded = toBase64(pair);
      if (!this.#values.includes(encoded))
        this.#values = [encoded, ...this.#values].sort((a, b) => b.length - a.length);
    }
    return this;
  }

  /** `text` with every known secret blanked. */
  scrub(text: string): string {
    let result = text;
    for (const value of this.#values) if (result.includes(value)) result = result.replaceAll(value, redacted);
    return result;
  }

  /**
  Blanks every known secret in an error's message, stack and string fields, its `details` and
  its cause chain, in place; returns the error.
  */
  scrubError<T>(error: T): T {
    if (this.#values.length > 0) this.#scrubValue(error, 0);
    return error;
  }

  #scrubValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (typeof value !== 'object' || value === null || depth > 8 || Object.isFrozen(value)) return value;
    const target = value as Record<string, unknown>;
    const names = new Set([
      ...Object.getOwnPropertyNames(target),
      ...(value instanceof Error ? ['message', 'stack', 'cause'] : []),
    ]);
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      if (!descriptor.writable && !descriptor.configurable) continue;
      const scrubbed = this.#scrubValue(descriptor.value, depth + 1);
      if (scrubbed !== descriptor.value) {
        Object.defineProperty(target, name, { ...descriptor, value: scrubbed });
      }
    }
    return value;
  }

  toJSON(): string {
    return redacted;
  }

  toString(): string {
    return redacted;
  }
}
