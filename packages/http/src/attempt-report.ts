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

/** @internal What reports a call's attempts: a retry as it starts, each attempt as it ends. */
export interface AttemptReporter {
  /** Whether anyone hears an attempt now: check it before building one. */
  readonly listening: boolean;
  retrying(attempt: number, delayMs: number): void;
  ended(fields: Omit<AttemptEvent, 'client' | 'method' | 'url'>): void;
}

/**
@internal The reporter of a call's attempts, or undefined when nobody could hear it (no debug log,
no channel): an event is built only for a listener.
*/
export function attemptReporter(described: CallDescription | undefined): AttemptReporter | undefined {
  if (!described) return undefined;
  const log = described.log?.enabled('debug') ? described.log : undefined;
  if (!log && !attemptChannel) return undefined;
  // Redacted once someone hears of an attempt: on Node the channel always exists, mostly unheard.
  let redacted: Pick<AttemptEvent, 'client' | 'method' | 'url'> | undefined;
  const call = () =>
    (redacted ??= { client: described.client, method: described.method, url: redactUrl(described.url) });
  return {
    get listening() {
      return log !== undefined || attemptChannel?.hasSubscribers === true;
    },
    retrying: (attempt, delayMs) => log?.write('debug', 'retry', { ...call(), attempt, delayMs }),
    ended: (fields) => {
      const event: AttemptEvent = { ...call(), ...fields };
      if (attemptChannel?.hasSubscribers) attemptChannel.publish(event);
      log?.write('debug', 'attempt', { ...event });
    },
  };
}
