import { redactUrl } from '@bridgekit/errors';
import { plainChannel } from './diagnostics.js';
import type { Log } from './log.js';

/** What a call is, for what it reports of its attempts. */
export interface CallDescription {
  /** The client, e.g. `'acme'`. */
  readonly client: string;
  readonly method: string;
  /** The request URL; it is reported redacted. */
  readonly url: string;
  /** The client's log: a `debug` line per attempt and per retry. */
  readonly log?: Log | undefined;
  /** The tracing channel around the call, e.g. `'acme:call'`. */
  readonly channel?: string;
}

/** One attempt, as the `bridgekit:attempt` channel publishes it and the `debug` log writes it. */
export interface AttemptEvent {
  readonly client: string;
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The answer's status; undefined when there was none. */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** Milliseconds waited before this attempt (0 for the first). */
  readonly retryDelayMs: number;
  readonly requestId: string | undefined;
  /** The failure's code (or name) when the attempt got no answer. */
  readonly errorCode: string | undefined;
}

/** The `bridgekit:attempt` channel, where the runtime has `node:diagnostics_channel`. */
const attemptChannel = plainChannel('bridgekit:attempt');

/**
@internal Whether anyone hears of `call`'s attempts now (its `debug` log, a `bridgekit:attempt`
subscriber): checked per attempt, and an event is built only when someone does. On Node the channel
always exists, mostly unheard, so nothing is made per call.
*/
export function attemptsHeard(call: CallDescription | undefined): call is CallDescription {
  return (
    call !== undefined && (call.log?.enabled('debug') === true || attemptChannel?.hasSubscribers === true)
  );
}

function describedCall(call: CallDescription): Pick<AttemptEvent, 'client' | 'method' | 'url'> {
  return { client: call.client, method: call.method, url: redactUrl(call.url) };
}

/** @internal Logs a retry as it starts (`debug`): the channel hears of it with the attempt's end. */
export function reportRetry(call: CallDescription, attempt: number, delayMs: number): void {
  if (call.log?.enabled('debug'))
    call.log.write('debug', 'retry', { ...describedCall(call), attempt, delayMs });
}

/** @internal Publishes an attempt that ended on `bridgekit:attempt`, and logs it (`debug`). */
export function reportAttempt(
  call: CallDescription,
  fields: Omit<AttemptEvent, 'client' | 'method' | 'url'>,
): void {
  const event: AttemptEvent = { ...describedCall(call), ...fields };
  if (attemptChannel?.hasSubscribers) attemptChannel.publish(event);
  call.log?.write('debug', 'attempt', { ...event });
}
