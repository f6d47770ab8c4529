import { BridgekitError } from './bridgekit-error.js';
import { describeValue } from './describe-value.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';

/** What a {@link ConfigurationError} names: the option, what it expects, and how to fix it. */
export interface ConfigurationErrorOptions {
  /** The option's name as the user wrote it: `apiKey`, `retry.limit`, `INTEND_BASE_URL`. */
  readonly option: string;
  /** What is accepted: `a non-empty string`, `'basic' or 'body'`. */
  readonly expected: string;
  /** The value given. Only its kind is reported (`a string of 3 characters`), never its content. */
  readonly received?: unknown;
  /** How to fix it, when it is not obvious from `expected`. */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

/**
An option is missing or invalid. The message names the option, what it expects and how to fix it,
and never repeats the value given (it may be a secret).

@example
```
throw new ConfigurationError({option: 'apiKey', expected: 'a non-empty string', received: ''});
// Invalid option `apiKey`: expected a non-empty string, received an empty string.
```
*/
export class ConfigurationError extends BridgekitError {
  static override readonly kind: string = 'ConfigurationError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Configuration;
  readonly option: string;
  readonly expected: string;

  constructor(options: ConfigurationErrorOptions) {
    const received = 'received' in options ? `, received ${describeValue(options.received)}` : '';
    const hint = options.hint ? ` ${options.hint}` : '';
    super(
      `Invalid option \`${options.option}\`: expected ${options.expected}${received}.${hint}`,
      ErrorCode.Configuration,
      {
        cause: options.cause,
      },
    );
    this.option = options.option;
    this.expected = options.expected;
  }

  protected override serializableFields(): Record<string, unknown> {
    return { option: this.option, expected: this.expected };
  }
}
