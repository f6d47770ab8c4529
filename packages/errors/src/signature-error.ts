import { BridgekitError } from './bridgekit-error.js';
import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';

/** Why a request signature failed verification. */
export const SignatureFailureReason = {
  MissingHeader: 'missing_header',
  UnknownKey: 'unknown_key',
  TimestampOutOfRange: 'timestamp_out_of_range',
  MalformedTimestamp: 'malformed_timestamp',
  SignatureMismatch: 'signature_mismatch',
} as const;

/** One of the {@link SignatureFailureReason} values. */
export type SignatureFailureReason = (typeof SignatureFailureReason)[keyof typeof SignatureFailureReason];

const explanations: Record<SignatureFailureReason, string> = {
  missing_header: 'a required authentication header is missing',
  unknown_key: 'the api-key is not known to this server',
  timestamp_out_of_range: 'the timestamp is outside the allowed window; check the client clock',
  malformed_timestamp: 'the timestamp is not a whole number in the expected unit',
  signature_mismatch: 'the signature does not match; check the secret key and the signature scheme',
};

/** What a {@link SignatureError} names: why a request's signature was refused. */
export interface SignatureErrorOptions {
  readonly reason: SignatureFailureReason;
  /** The header the failure concerns (`api-key`, `timestamp`, `signature`). */
  readonly header?: string | undefined;
  readonly cause?: unknown;
}

/** A request signature failed verification. `reason` says which check failed. */
export class SignatureError extends BridgekitError {
  static override readonly kind: string = 'SignatureError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Signature;
  readonly reason: SignatureFailureReason;
  readonly header: string | undefined;

  constructor(options: SignatureErrorOptions) {
    const header = options.header === undefined ? '' : ` (header \`${options.header}\`)`;
    super(`Signature verification failed: ${explanations[options.reason]}${header}`, ErrorCode.Signature, {
      cause: options.cause,
    });
    this.reason = options.reason;
    this.header = options.header;
  }

  protected override serializableFields(): Record<string, unknown> {
    return { reason: this.reason, header: this.header };
  }
}
