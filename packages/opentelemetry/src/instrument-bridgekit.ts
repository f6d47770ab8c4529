import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel';
import { ConfigurationError, checkKnownKeys } from '@bridgekit/errors';
import {
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import {
  endAttributes,
  retryAttributes,
  spanName,
  startAttributes,
  type TracedAttempt,
  type TracedCall,
} from './span-fields.js';
import { version } from './version.js';

/** The options of {@link instrumentBridgekit}. */
export interface InstrumentationOptions {
  /**
  Where the spans go.
  @default the global tracer provider (`trace.getTracerProvider()`)
  @example new BasicTracerProvider({spanProcessors: [new SimpleSpanProcessor(exporter)]})
  */
  readonly tracerProvider?: TracerProvider;
}

/** What {@link instrumentBridgekit} returns. */
export interface BridgekitInstrumentation {
  /**
  Stops making spans at once; the spans of calls in flight end as those calls settle, and then
  every subscription is gone.
  */
  disable(): void;
}

/** The tracing channels the clients publish on, and whether each is a token request's. */
const channels = [
  ['bridgekit:intend:call', false],
  ['bridgekit:ingo:call', false],
  ['bridgekit:ingo:token', true],
] as const;

function checkOptions(options: unknown): InstrumentationOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({ option: 'options', expected: 'an object', received: options });
  }
  checkKnownKeys(options, ['tracerProvider']);
  const { tracerProvider } = options as InstrumentationOptions;
  if (tracerProvider !== undefined && typeof tracerProvider?.getTracer !== 'function') {
    throw new ConfigurationError({
      option: 'tracerProvider',
      expected: 'an OpenTelemetry TracerProvider (an object with getTracer())',
      received: tracerProvider,
    });
  }
  return options as InstrumentationOptions;
}

/** Ends a call's span with what the settled context says of it. */
function endSpan(span: Span, call: TracedCall): void {
  span.setAttributes(endAttributes(call));
  if (call.error !== undefined) {
    const message = call.error instanceof Error ? call.error.message : String(call.error);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}

/**
Makes one OpenTelemetry span per bridgekit call (Intend, Ingo) and per Ingo token request, from
the packages' `diagnostics_channel` tracing channels, with OpenTelemetry's HTTP client attributes
and one span event per retry. A token request made for a call is a child of that call's span;
every span is a child of the span active where the call was made.

@example
```
import {instrumentBridgekit} from '@bridgekit/opentelemetry';

const instrumentation = instrumentBridgekit(); // the global tracer provider
// ... later, in tests or at shutdown:
instrumentation.disable();
```
*/
export function instrumentBridgekit(options?: InstrumentationOptions): BridgekitInstrumentation {
  const { tracerProvider = trace.getTracerProvider() } = checkOptions(options);
  const tracer: Tracer = tracerProvider.getTracer('@bridgekit/opentelemetry', version);
  // The span of the call in progress: its attempts' retry events, and the parent of a token
  // request it waits for.
  const current = new AsyncLocalStorage<Span>();
  const spans = new WeakMap<object, Span>();
  const lastAttempt = new WeakMap<Span, TracedAttempt>();
  // disable() stops new spans at once, and ends the open ones as their calls settle.
  const stopStarting: (() => void)[] = [];
  const stopEnding: (() => void)[] = [];
  let open = 0;
  let disabled = false;
  const drained = () => {
    if (disabled && open === 0) for (const stop of stopEnding.splice(0)) stop();
  };

  for (const [name, token] of channels) {
    const channel = tracingChannel<unknown, TracedCall>(name);
    channel.start.bindStore(current, (call) => {
      // A call's parent is the caller's span; a token request's, the call that waits for it.
      const enclosing = token ? current.getStore() : undefined;
      const parent = enclosing ? trace.setSpan(context.active(), enclosing) : context.active();
      const attributes = startAttributes(call);
      const span = tracer.startSpan(spanName(call, token), { kind: SpanKind.CLIENT, attributes }, parent);
      spans.set(call, span);
      open += 1;
      return span;
    });
    const asyncEnd = (message: unknown) => {
      const call = message as TracedCall;
      const span = spans.get(call);
      if (!span) return;
      spans.delete(call);
      open -= 1;
      endSpan(span, call);
      drained();
    };
    channel.asyncEnd.subscribe(asyncEnd);
    stopStarting.push(() => channel.start.unbindStore(current));
    stopEnding.push(() => channel.asyncEnd.unsubscribe(asyncEnd));
  }

  const onAttempt = (message: unknown) => {
    const span = current.getStore();
    if (!span) return;
    const attempt = message as TracedAttempt;
    if (attempt.attempt > 1) {
      const startedAt = Date.now() - attempt.durationMs;
      span.addEvent('retry', retryAttributes(attempt, lastAttempt.get(span)), startedAt);
    }
    lastAttempt.set(span, attempt);
  };
  subscribe('bridgekit:attempt', onAttempt);
  stopEnding.push(() => unsubscribe('bridgekit:attempt', onAttempt));

  return {
    disable() {
      disabled = true;
      for (const stop of stopStarting.splice(0)) stop();
      drained();
    },
  };
}
