// Types of observers.js, so that the packages' TypeScript tests can import it.

/** One line a {@link memoryLogger} kept. */
export interface LoggedLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line (any bridgekit `logger` option takes it). */
export function memoryLogger(): {
  logger: {
    debug(message: string, fields?: Record<string, unknown>): void;
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  };
  lines: LoggedLine[];
};

/** What a tracing channel's subscriber heard: each event's name with its context, in order. */
export interface TracedEvents {
  readonly events: { readonly event: string; readonly context: Record<string, unknown> }[];
  /** Stops listening. */
  stop(): void;
}

/** Subscribes to the tracing channel `name` and keeps every event. */
export function traceEvents(name: string): TracedEvents;
