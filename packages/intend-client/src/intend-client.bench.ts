import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createIntendSigner } from '@bridgekit/intend-signer';
import { createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterAll, test } from 'vitest';
import { createIntendClient } from './index.js';

// Every comparison runs a baseline and bridgekit side by side in one process and prints the ratio
// of their mean times; nothing here asserts a speed.
const apiKey = 'bench-key';
const secretKey = 'bench-secret-key-0123456789';
const servers: RunningSandbox[] = [];

async function serve(options: Partial<Parameters<typeof createIntendSandbox>[0]>): Promise<string> {
  const server = await createIntendSandbox({ apiKey, secretKey, ...options }).listen();
  servers.push(server);
  return server.url;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function ratio(label: string, baselineMs: number, bridgekitMs: number): void {
  console.log(
    `${label}: bridgekit ${bridgekitMs.toFixed(3)} ms, baseline ${baselineMs.toFixed(3)} ms -> ${(bridgekitMs / baselineMs).toFixed(2)}x the baseline's time`,
  );
}

test('per-request overhead: GET one client over loopback (target <= 1.3x raw fetch)', async ({ bench }) => {
  const baseUrl = await serve({ clients: 1 });
  const url = `${baseUrl}/api/clients?client_id=1`;
  // Signed once and valid for the sandbox's 300 s tolerance: the baseline pays no signing cost.
  const headers = await createIntendSigner({ apiKey, secretKey }).sign({ method: 'GET', url });
  const intend = createIntendClient({ baseUrl, apiKey, secretKey });
  const results = await bench.compare(
    bench('raw fetch + JSON.parse', async () => {
      const response = await fetch(url, { headers });
      await response.json();
    }),
    bench('intend.clients.get (sign + ky + envelope)', async () => {
      await intend.clients.get(1);
    }),
    { time: 2000 },
  );
  ratio(
    'per-request overhead',
    results.get('raw fetch + JSON.parse').latency.mean,
    results.get('intend.clients.get (sign + ky + envelope)').latency.mean,
  );
});

test('listing 5,000 records (100 pages) at 20 ms a page (target >= 3x faster than sequential)', async ({
  bench,
}) => {
  const baseUrl = await serve({ clients: 5000, paginationMetadata: true, faults: { latency: 20 } });
  const intend = createIntendClient({ baseUrl, apiKey, secretKey });
  const results = await bench.compare(
    bench('sequential page loop', async () => {
      for (let page = 1; ; page += 1) {
        const data = await intend.request<{ data: unknown[] }>('GET', '/api/clients', { query: { page } });
        if (data.data.length < 50) break;
      }
    }),
    bench('paginator (prefetch 1, concurrency 4)', async () => {
      for await (const _client of intend.clients.list()) {
        // consume
      }
    }),
    { iterations: 3, time: 0, warmupIterations: 1 },
  );
  ratio(
    'listing 5,000 records',
    results.get('sequential page loop').latency.mean,
    results.get('paginator (prefetch 1, concurrency 4)').latency.mean,
  );
});

test('memory: peak retained heap stays flat as the listing grows 10x', async () => {
  // Collect before every sample, so the figure is what the listing retains, not garbage waiting
  // for the collector (the sandbox serving the pages lives in this process too).
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const peakGrowth = async (clients: number) => {
    const intend = createIntendClient({
      baseUrl: await serve({ clients, paginationMetadata: true }),
      apiKey,
      secretKey,
    });
    collect();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    const onPage = ({ page }: { page: number }) => {
      if (page % 10 !== 0) return;
      collect();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    for await (const _client of intend.clients.list(undefined, { onPage })) count += 1;
    return { count, megabytes: (peak - before) / 1e6 };
  };
  const small = await peakGrowth(5000);
  const large = await peakGrowth(50_000);
  // A ratio of two near-zero numbers means nothing: show both, and the difference 10x the records made.
  console.log(
    `peak retained heap growth: ${small.count} records ${small.megabytes.toFixed(1)} MB, ${large.count} records ${large.megabytes.toFixed(1)} MB (+${(large.megabytes - small.megabytes).toFixed(1)} MB for 10x the records; a listing that buffered would grow by tens of MB)`,
  );
});
