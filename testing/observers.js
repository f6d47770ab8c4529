// What the packages' tests observe a client with: a logger that keeps its lines, and a subscriber
// that keeps a tracing channel's events. Shared across packages as a plain module with its own
// declarations (observers.d.ts), like benchmarks/kit.js: never published.
import { tracingChannel } from 'node:diagnostics_channel';

/** A logger that keeps every line. */
export function memoryLogger() {
  const lines = [];
  const at = (level) => (message, fields) => {
    lines.push({ level, message, fields });
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** Subscribes to the tracing channel `name` and keeps every event, in order, with its context. */
export function traceEvents(name) {
  const channel = tracingChannel(name);
  const events = [];
  const keep = (event) => (context) => {
    events.push({ event, context });
  };
  const handlers = {
    start: keep('start'),
    end: keep('end'),
    asyncStart: keep('asyncStart'),
    asyncEnd: keep('asyncEnd'),
    error: keep('error'),
  };
  channel.subscribe(handlers);
  return { events, stop: () => channel.unsubscribe(handlers) };
}
