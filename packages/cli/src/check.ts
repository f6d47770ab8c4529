/** How a check came out: `fail` makes `bridgekit doctor` exit 1; `warn` is worth acting on. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of the doctor's report. */
export interface DoctorCheck {
  /**
  What was checked, as `<service> <what>`.
  @example 'intend signature'
  */
  readonly name: string;
  /** How it came out. */
  readonly status: CheckStatus;
  /**
  What was found, with no secret in it.
  @example 'accepted with the default scheme (key-timestamp, SHA-256, hex, seconds) at the first request'
  */
  readonly message: string;
  /**
  What to do about a `warn` or a `fail`.
  @example 'set INGO_AUTH_METHOD=body'
  */
  readonly fix?: string;
}

/** @internal A check line, with a fix only when there is one. */
export function check(name: string, status: CheckStatus, message: string, fix?: string): DoctorCheck {
  return fix === undefined ? { name, status, message } : { name, status, message, fix };
}

/** @internal The message of whatever was thrown: bridgekit errors never hold a secret. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
