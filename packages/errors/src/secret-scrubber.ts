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

// A lone surrogate has no URI form (encodeURIComponent throws): such a value has one form less.
function uriEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The forms a value takes in a text a server echoes or a URL carries, each once. */
function variantsOf(value: string): string[] {
  return [...new Set([value, uriEncode(value), formEncode(value), toBase64(value)])];
}

// Duck-typed rather than `instanceof`, so a Secret from another copy of this package counts too.
function revealed(secret: unknown): string | undefined {
  if (typeof secret === 'string') return secret;
  const reveal = (secret as { reveal?: unknown } | null | undefined)?.reveal;
  if (typeof reveal !== 'function') return undefined;
  const value: unknown = reveal.call(secret);
  return typeof value === 'string' ? value : undefined;
}

/**
Scrubs the secrets a client knows (a secret key, a client secret, the access tokens it issued or
received) from error texts: literally and in their common encodings (URL- and form-encoded,
Base64, and Base64 of `id:secret` when added as a pair), on top of the name-based patterns of
`redactText`. Values added with `addPair` are kept for good; values added with `add` (access
tokens, which rotate) are kept up to `limit`, the oldest going first. The values live in a private
field: `JSON.stringify`, `String()` and `util.inspect` of a scrubber show none.

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

  /** Raw value -> its forms, in the order added (a Map keeps it), and whether it is kept for good. */
  readonly #entries = new Map<string, { readonly forms: readonly string[]; readonly pinned: boolean }>();
  // Every form, longest first, so that a secret's encoding is blanked whole before a part of it.
  #forms: string[] = [];
  readonly #limit: number;

  /** `limit`: how many values added with `add` are kept (at least 1). @default 64 */
  constructor(limit = 64) {
    this.#limit = Number.isInteger(limit) && limit >= 1 ? limit : 64;
  }

  /** Adds a secret (a string or a `Secret`; ignored when shorter than six characters, or absent). */
  add(secret: unknown): this {
    return this.#remember(revealed(secret), false);
  }

  /** Adds `id:secret` in the forms HTTP Basic credentials take (RFC 6749 2.3.1 encodes each half first); kept for good. */
  addPair(id: string, secret: unknown): this {
    const value = revealed(secret);
    if (value === undefined) return this;
    this.#remember(value, true);
    this.#remember(`${id}:${value}`, true);
    return this.#remember(`${formEncode(id)}:${formEncode(value)}`, true);
  }

  #remember(value: string | undefined, pinned: boolean): this {
    if (value === undefined || value.length < shortest) return this;
    const known = this.#entries.get(value);
    if (known !== undefined && (known.pinned || !pinned)) return this;
    this.#entries.delete(value);
    this.#entries.set(value, { forms: variantsOf(value), pinned });
    const unpinned = [...this.#entries].filter(([, entry]) => !entry.pinned);
    for (const [oldest] of unpinned.slice(0, Math.max(0, unpinned.length - this.#limit)))
      this.#entries.delete(oldest);
    this.#forms = [...new Set([...this.#entries.values()].flatMap((entry) => entry.forms))].sort(
      (a, b) => b.length - a.length,
    );
    return this;
  }

  /** `text` with every known secret blanked. */
  scrub(text: string): string {
    let result = text;
    for (const form of this.#forms) if (result.includes(form)) result = result.replaceAll(form, redacted);
    return result;
  }

  /**
  Blanks every known secret in an error's message, stack and string fields, its `details` and
  its cause chain, in place; returns the error (a thrown string comes back scrubbed).
  */
  scrubError<T>(error: T): T {
    if (this.#forms.length === 0) return error;
    try {
      return this.#scrubValue(error, 0, new Set()) as T;
    } catch {
      // A value that refuses to be read or written (a revoked Proxy) is left as it is.
      return error;
    }
  }

  #scrubValue(value: unknown, depth: number, seen: Set<object>): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (
      typeof value !== 'object' ||
      value === null ||
      depth > 8 ||
      seen.has(value) ||
      Object.isFrozen(value)
    ) {
      return value;
    }
    seen.add(value);
    // `stack` is an accessor on V8 errors: read it and store the scrubbed text as a plain value.
    if (value instanceof Error && typeof value.stack === 'string') {
      const stack = this.scrub(value.stack);
      if (stack !== value.stack)
        Object.defineProperty(value, 'stack', { value: stack, writable: true, configurable: true });
    }
    const target = value as Record<string, unknown>;
    const names = new Set([
      ...Object.getOwnPropertyNames(target),
      ...(value instanceof Error ? ['message', 'cause'] : []),
    ]);
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      if (!descriptor.writable && !descriptor.configurable) continue;
      const scrubbed = this.#scrubValue(descriptor.value, depth + 1, seen);
      if (scrubbed !== descriptor.value)
        Object.defineProperty(target, name, { ...descriptor, value: scrubbed });
    }
    return value;
  }

  /** `[REDACTED]`: the scrubber holds the secrets and never shows them. */
  toJSON(): string {
    return redacted;
  }

  /** `[REDACTED]`, as `toJSON()`. */
  toString(): string {
    return redacted;
  }
}
