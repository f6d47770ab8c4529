import { ErrorCode } from './error-codes.js';
import { hasErrorMarker, markErrorClass } from './error-marker.js';
import type { PageCheckpoint } from './page-checkpoint.js';

/** What every bridgekit error may be given beyond its message. */
export interface BridgekitErrorOptions {
  /** The underlying error, kept as the native `cause`. */
  readonly cause?: unknown;
  /**
  Whether repeating the same call may succeed.
  @default false
  */
  readonly retryable?: boolean;
}

/** A plain, log-safe view of an error: what `toJSON()` returns. */
export interface SerializedError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly cause?: SerializedError | { readonly name: string; readonly message: string };
  readonly [field: string]: unknown;
}

/**
The root of every error bridgekit throws.

Errors never hold request headers, request bodies or secrets, so `toJSON()`, `String()` and
`util.inspect()` of any of them is safe to log.

@example
```
import {BridgekitError} from '@bridgekit/errors';

try {
	await intend.clients.get(16);
} catch (error) {
	if (BridgekitError.isInstance(error) && error.retryable) {
		// try again later
	}
}
```
*/
export class BridgekitError extends Error {
  /** The class name: the error's `name`, and what the cross-copy marker is derived from. */
  static readonly kind: string = 'BridgekitError';

  static {
    markErrorClass(this);
  }

  /**
  Whether `value` is an instance of this class (or a subclass), also when it was thrown by another
  installed copy of `@bridgekit/errors`.
  */
  static isInstance<T extends abstract new (...args: never[]) => BridgekitError>(
    this: T & { readonly kind: string },
    value: unknown,
  ): value is InstanceType<T> {
    return hasErrorMarker(value, this.kind);
  }

  /** A stable code from {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /**
  Present when a paginated listing failed: pass `checkpoint.page` back as `startPage` to resume.
  Absent otherwise (see `attachCheckpoint`).
  */
  declare readonly checkpoint?: PageCheckpoint;
  /** Present when a paginated listing failed: how many records were delivered before the failure. */
  declare readonly itemsYielded?: number;

  constructor(message: string, code: ErrorCode = ErrorCode.Bridgekit, options: BridgekitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }

  /** Fields beyond name, code, message and retryable that subclasses add to `toJSON()`. */
  protected serializableFields(): Record<string, unknown> {
    return {};
  }

  /** A plain, log-safe object for `JSON.stringify` and loggers: no secret, header or body in it. */
  toJSON(): SerializedError {
    const cause = this.cause;
    // The marker, not `instanceof`: a cause thrown by another installed copy serialises fully too.
    const serializedCause = isBridgekitError(cause)
      ? cause.toJSON()
      : cause instanceof Error
        ? { name: cause.name, message: cause.message }
        : undefined;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...this.serializableFields(),
      ...(this.checkpoint === undefined
        ? {}
        : { checkpoint: this.checkpoint, itemsYielded: this.itemsYielded }),
      ...(serializedCause === undefined ? {} : { cause: serializedCause }),
    };
  }
}

/** Whether `value` is any bridgekit error, from this or another installed copy of the package. */
export function isBridgekitError(value: unknown): value is BridgekitError {
  return hasErrorMarker(value, BridgekitError.kind);
}
