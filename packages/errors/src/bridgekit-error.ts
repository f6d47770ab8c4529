import { ErrorCode } from './error-codes.js';
import type { PageCheckpoint } from './pagination-error.js';

// Symbol.for, not Symbol(): two installed copies of this package share the registry, so an
// error thrown by one copy still passes the other copy's guards (vercel/ai does the same).
const markerPrefix = 'bridgekit.error';

function markerFor(kind: string): symbol {
  return kind === 'BridgekitError' ? Symbol.for(markerPrefix) : Symbol.for(`${markerPrefix}.${kind}`);
}

/** @internal Tags a class's prototype so that `isInstance` checks work across package copies. */
export function markErrorClass(errorClass: { readonly kind: string; readonly prototype: object }): void {
  Object.defineProperty(errorClass.prototype, markerFor(errorClass.kind), { value: true });
}

/** @internal */
export function hasErrorMarker(value: unknown, kind: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[markerFor(kind)] === true
  );
}

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
  /** The class name that the cross-copy marker is derived from. */
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

  override name = 'BridgekitError';
  /** A stable code from {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Set when a paginated listing failed: pass `checkpoint.page` back as `startPage` to resume. */
  readonly checkpoint: PageCheckpoint | undefined;
  /** Set when a paginated listing failed: how many records were delivered before the failure. */
  readonly itemsYielded: number | undefined;

  constructor(message: string, code: ErrorCode = ErrorCode.Bridgekit, options: BridgekitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.checkpoint = undefined;
    this.itemsYielded = undefined;
  }

  /** Fields beyond name, code, message and retryable that subclasses add to `toJSON()`. */
  protected serializableFields(): Record<string, unknown> {
    return {};
  }

  toJSON(): SerializedError {
    const cause = this.cause;
    const serializedCause =
      cause instanceof BridgekitError
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

/**
Records on `error` how far a paginated listing got, and says in its message how to resume. Used by
paginating clients so that the thrown error keeps its own class (an `AuthenticationError` stays
one) while carrying the resume point.
*/
export function attachCheckpoint<T extends BridgekitError>(
  error: T,
  checkpoint: PageCheckpoint,
  itemsYielded: number,
): T {
  Object.defineProperty(error, 'checkpoint', { value: checkpoint, enumerable: true });
  Object.defineProperty(error, 'itemsYielded', { value: itemsYielded, enumerable: true });
  error.message = `${error.message} (listing stopped at page ${checkpoint.page} after ${itemsYielded} records; resume with \`startPage: ${checkpoint.page}\`)`;
  return error;
}
