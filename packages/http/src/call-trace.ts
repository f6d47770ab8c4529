import { isBridgekitError, redactUrl } from '@bridgekit/errors';
import type { CallDescription } from './attempt-report.js';
import { type CallTracingChannel, callTracingChannel, isTraced } from './diagnostics.js';

/**
The context a client's tracing channel publishes for one call: what is sent at `start`, and once
the call has settled (at `error`, `asyncStart` and `asyncEnd`) what came of it. `diagnostics_channel`
adds `error` on failure; `result` stays undefined, since the data a call resolves to (a body, a
token) is the caller's alone.
*/
export interface CallContext {
  /** The client, e.g. `'acme'`. */
  readonly client: string;
  readonly method: string;
  /** The request URL, redacted. */
  readonly url: string;
  /** Once settled: the last attempt's status; undefined when it got no answer. */
  status?: number | undefined;
  /** Once settled: HTTP attempts, the first included. */
  attempts?: number;
  /** Once settled: the last answer's request id, when the server sent one. */
  requestId?: string | undefined;
  /** Once settled, for a failure: its `code` (a bridgekit error) or its `name`. */
  errorCode?: string | undefined;
}

/** What a call came to, for its context. */
export type CallSettlement = Pick<CallContext, 'status' | 'attempts' | 'requestId'>;

/** @internal A failure's code for logs and channels: a bridgekit error's `code`, else its name. */
export function errorCodeOf(error: unknown): string {
  return isBridgekitError(error) ? error.code : error instanceof Error ? error.name : 'error';
}

const channels = new Map<string, CallTracingChannel | undefined>();

/**
@internal Runs one call inside its tracing channel (`described.channel`) when someone subscribes,
and as it is otherwise: its context is built only for a subscriber, and settled by `settled()`.
*/
export function traceCall<T>(
  described: CallDescription | undefined,
  settled: () => CallSettlement,
  run: () => Promise<T>,
): Promise<T> {
  const name = described?.channel;
  if (described === undefined || name === undefined) return run();
  if (!channels.has(name)) channels.set(name, callTracingChannel(name));
  const channel = channels.get(name);
  if (!channel || !isTraced(channel)) return run();
  const context: CallContext = {
    client: described.client,
    method: described.method,
    url: redactUrl(described.url),
  };
  // The channel would publish what the call resolves to as `context.result`: keep it out.
  let value: T;
  const traced = channel.tracePromise(async () => {
    try {
      value = await run();
    } catch (error) {
      context.errorCode = errorCodeOf(error);
      throw error;
    } finally {
      Object.assign(context, settled());
    }
  }, context);
  return traced.then(() => value);
}
