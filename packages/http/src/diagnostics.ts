/** A `node:diagnostics_channel` channel, as far as bridgekit publishes on it. */
export interface PlainChannel {
  readonly hasSubscribers: boolean;
  publish(message: unknown): void;
}

/** A `node:diagnostics_channel` `TracingChannel`, as far as bridgekit traces with it. */
export interface CallTracingChannel {
  /** Missing on runtimes older than Node 20.13: then its five channels are asked. */
  readonly hasSubscribers?: boolean;
  readonly start: PlainChannel;
  readonly end: PlainChannel;
  readonly asyncStart: PlainChannel;
  readonly asyncEnd: PlainChannel;
  readonly error: PlainChannel;
  tracePromise<T>(run: () => Promise<T>, context: object): Promise<T>;
}

interface DiagnosticsChannels {
  channel(name: string): PlainChannel;
  tracingChannel?(name: string): CallTracingChannel;
}

type BuiltinLoader = { process?: { getBuiltinModule?: (id: string) => unknown } };

/**
`node:diagnostics_channel` where the runtime has it, read without a static import so that the
packages load where there is none (a browser, a worker without Node compatibility): there,
nothing is published.
*/
const diagnostics = (globalThis as BuiltinLoader).process?.getBuiltinModule?.('node:diagnostics_channel') as
  | DiagnosticsChannels
  | undefined;

/** @internal The plain channel `name`, or undefined where the runtime has none. */
export function plainChannel(name: string): PlainChannel | undefined {
  return diagnostics?.channel(name);
}

/** @internal The tracing channel `name`, or undefined where the runtime has none. */
export function callTracingChannel(name: string): CallTracingChannel | undefined {
  return diagnostics?.tracingChannel?.(name);
}

/** @internal Whether anyone listens to a tracing channel now: check it before building a context. */
export function isTraced(channel: CallTracingChannel): boolean {
  return (
    channel.hasSubscribers ??
    [channel.start, channel.end, channel.asyncStart, channel.asyncEnd, channel.error].some(
      (part) => part.hasSubscribers,
    )
  );
}
