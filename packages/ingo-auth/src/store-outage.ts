import { type BridgekitError, NetworkError, redactText } from '@bridgekit/errors';
import type { Settled } from '@bridgekit/http';

/**
A store failure as `onStoreError` gets it, its reason in the message (a closed or never connected
client, NOAUTH, READONLY, a timeout) and no raw cause, which might hold a command's arguments.
*/
function outageError(outcome: Settled<unknown>, storeTimeout: number): BridgekitError {
  const after = '; tokens are fetched without it until it answers again';
  if (outcome.status !== 'rejected') {
    return new NetworkError(
      `The token store did not answer within storeTimeout (${storeTimeout} ms)${after}`,
    );
  }
  const { error } = outcome;
  // A Redis client's error may carry the command with its arguments (a token): name and message only.
  const reason = redactText(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
    0,
    200,
  );
  return new NetworkError(`The token store failed (${reason})${after}`, { cause: new Error(reason) });
}

/**
@internal Tells `onStoreError` of an outage once: when the store stops answering after it had
answered (or at the first failure), not at every call while it stays down.
*/
export class StoreOutage {
  readonly #report: ((error: BridgekitError) => void) | undefined;
  readonly #storeTimeout: number;
  #down = false;

  constructor(report: ((error: BridgekitError) => void) | undefined, storeTimeout: number) {
    this.#report = report;
    this.#storeTimeout = storeTimeout;
  }

  /** Notes how a store call ended. */
  observe(outcome: Settled<unknown>): void {
    if (outcome.status === 'fulfilled') {
      this.#down = false;
      return;
    }
    if (this.#down) return;
    this.#down = true;
    if (!this.#report) return;
    try {
      this.#report(outageError(outcome, this.#storeTimeout));
    } catch {
      // Observability hooks must never break token handling.
    }
  }
}
