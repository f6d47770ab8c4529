// The built packages, as users load them (see vitest.shared.ts).
import { createIntendClient } from '@bridgekit/intend-client';
import { instrumentBridgekit } from '@bridgekit/opentelemetry';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, test } from 'vitest';
import {
  type ChildServer,
  mediansOf,
  pairedRatio,
  perCall,
  record,
  requestPathTimeout,
  sampleInRounds,
  serveInChild,
} from '../../../benchmarks/kit.js';

// `pnpm bench`: what the spans cost per call, against the same client with nobody listening, side
// by side in each round, against an Intend sandbox in a process of its own. Nothing fails for speed.
const apiKey = 'bench-key';
const secretKey = 'bench-secret-key-0123456789';
let server: ChildServer | undefined;
afterAll(() => server?.stop());

test(
  'clients.get() with instrumentBridgekit() and a batching tracer provider',
  async () => {
    const sandbox = import.meta.resolve('@bridgekit/sandbox');
    server = await serveInChild({ kind: 'intend', options: { apiKey, secretKey, clients: 1 } }, sandbox);
    const intend = createIntendClient({ baseUrl: server.url, apiKey, secretKey, logLevel: 'warn' });
    const exporter = new InMemorySpanExporter();
    const processor = new BatchSpanProcessor(exporter);
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor] });
    const get = () => intend.clients.get(1);
    const instrumented = async () => {
      const instrumentation = instrumentBridgekit({ tracerProvider });
      try {
        return await perCall(400, get);
      } finally {
        instrumentation.disable();
        await processor.forceFlush();
        exporter.reset();
      }
    };
    await perCall(300, get);
    const samples = await sampleInRounds(15, { nobody: () => perCall(400, get), instrumented });
    const medians = mediansOf(samples);
    record({
      id: 'opentelemetry.01',
      title: '`clients.get()` one at a time, with `instrumentBridgekit()` (a span per call, batched)',
      unit: 'ms',
      subject: { label: 'instrumented', value: medians['instrumented'] ?? 0 },
      baseline: { label: 'nobody listening', value: medians['nobody'] ?? 0 },
      ratio: pairedRatio(samples['instrumented'] ?? [], samples['nobody'] ?? []),
      ratioMeaning: 'of the time with nobody listening',
      target: 'for reference: what a span per call costs',
      met: true,
      note: 'medians of 15 rounds, each ratio within its round; BasicTracerProvider with a BatchSpanProcessor to an in-memory exporter',
    });
    await tracerProvider.shutdown();
  },
  requestPathTimeout,
);
