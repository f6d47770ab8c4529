const redacted = '[REDACTED]';

/**
Holds a secret (a secret key, a client secret, an access token) so that it cannot leak by accident:
`String()`, template literals, `JSON.stringify` and Node's `util.inspect` all print `[REDACTED]`.
Only `.reveal()` returns the value.

@example
```
import {Secret} from '@bridgekit/errors';

const secretKey = new Secret(process.env.INTEND_SECRET_KEY);
console.log({secretKey}); //=> { secretKey: [REDACTED] }
createHmac('sha256', secretKey.reveal());
```
*/
export class Secret {
  /** Wraps `value` unless it already is a `Secret`. */
  static from(value: string | Secret): Secret {
    return value instanceof Secret ? value : new Secret(value);
  }

  static {
    // Node's util.inspect looks this symbol up with Symbol.for, so no `node:util` import is needed.
    Object.defineProperty(this.prototype, Symbol.for('nodejs.util.inspect.custom'), {
      value: () => redacted,
    });
  }

  // A true private field: util.inspect, JSON.stringify and Object.keys cannot see it.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself. Call it only where the value must be used (signing, a request header). */
  reveal(): string {
    return this.#value;
  }

  /** The secret's length, for validation messages that must not show the value. */
  get length(): number {
    return this.#value.length;
  }

  /** `[REDACTED]`: a secret in a template string or a log line shows nothing. */
  toString(): string {
    return redacted;
  }

  /** `[REDACTED]`: a secret in `JSON.stringify` shows nothing. */
  toJSON(): string {
    return redacted;
  }

  /** `[REDACTED]`: a secret concatenated to a string shows nothing; `reveal()` is the only way out. */
  [Symbol.toPrimitive](): string {
    return redacted;
  }
}
