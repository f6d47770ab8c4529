import { type BridgekitError, NetworkError, redactText, type SecretScrubber } from '@bridgekit/errors';
import { callHook, type Log, type Settled } from '@bridgekit/http';

/**
A store failure as `onStoreError` gets it, its reason in the message (a closed or never connected
client, NOAUTH, READONLY, a timeout) and no raw cause, which might hold a command's arguments.
*/
function outageError(
  outcome: Settled<unknown>,
  storeTimeout: number,
  scrubber: SecretScrubber,
): BridgekitError {
  const after = '; tokens are fetched without it until it answers again';
  if (outcome.status !== 'rejected') {
    return new NetworkError(
      `The token store did not answer within storeTimeout (${storeTimeout} ms)${after}`,
    );
  }
  const { error } = outcome;
  // A Redis client's error may carry the command with its arguments (a token): name and message
  // only, with what looks like a credential and every token this manager knows taken out.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const reason = scrubber.scrub(redactText(text)).slice(0, 200);
  return new NetworkError(`The token store failed (${reason})${after}`, { cause: new Error(reason) });
}

/**
@internal Tells `report` and the log of an outage once: when the store stops answering after it had
answered (or at the first failure), not at every call while it stays down; the log hears of its
end too. Returns what notes each call's end.
*/
export function outageReporter(
  report: ((error: BridgekitError) => void) | undefined,
  settings: { readonly storeTimeout: number; readonly log: Log; readonly scrubber: SecretScrubber },
): (outcome: Settled<unknown>) => void {
  let down = false;
  return (outcome) => {
    const failed = outcome.status !== 'fulfilled';
    if (failed === down) return;
    down = failed;
    const { log } = settings;
    if (!failed) return log.write('info', 'token store answers again');
    const error = outageError(outcome, settings.storeTimeout, settings.scrubber);
    // Every process fetches tokens of its own until the store is back: something to act on.
    log.write('warn', 'token store outage', { message: error.message });
    if (report) callHook(report, error);
  };
}
