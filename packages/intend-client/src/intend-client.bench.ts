import { createHmac } from 'node:crypto';
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel';
// The built package, as users load it (see vitest.shared.ts).
import { createIntendClient, type IntendClientOptions } from '@bridgekit/intend-client';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { afterAll, test } from 'vitest';
import {
  type ChildServer,
  compareInRounds,
  garbageCollector,
  mediansOf,
  pairedRatio,
  perCall,
  record,
  recordRequestPath,
  requestPathTimeout,
  sampleInRounds,
  serveInChild,
  timed,
} from '../../../benchmarks/kit.js';

// `pnpm bench`: every figure is the median of several rounds, baseline and bridgekit side by side,
// against an Intend sandbox in a process of its own, on the shape the vendor documents (no
// pagination metadata). Nothing here fails for speed.
const apiKey = 'bench-key';
const secretKey = 'bench-secret-key-0123456789';
const servers: ChildServer[] = [];

async function serve(options: Record<string, unknown>): Promise<string> {
  const sandbox = import.meta.resolve('@bridgekit/sandbox');
  const server = await serveInChild({ kind: 'intend', options: { apiKey, secretKey, ...options } }, sandbox);
  servers.push(server);
  return server.url;
}

afterAll(() => Promise.all(servers.map((server) => server.stop())));

/** What a user writes by hand: sign, fetch, parse. */
function rawGet(url: string): () => Promise<unknown> {
  return async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', secretKey)
      .update(apiKey + timestamp)
      .digest('hex');
    const response = await fetch(url, {
      headers: { 'api-key': apiKey, timestamp, signature, accept: 'application/json' },
    });
    const body = (await response.json()) as { response: boolean; data: unknown };
    if (!body.response) throw new Error('the raw request failed');
    return body.data;
  };
}

/** A fetch that counts requests and the most in flight at once. */
function countingFetch() {
  const counts = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const fetch: NonNullable<IntendClientOptions['fetch']> = async (input, init) => {
    counts.requests += 1;
    counts.inFlight += 1;
    counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      counts.inFlight -= 1;
    }
  };
  return { fetch, counts };
}

test(
  'clients.get(): one at a time and at concurrency 200, against raw fetch + createHmac',
  async () => {
    const baseUrl = await serve({ clients: 1 });
    const intend = createIntendClient({ baseUrl, apiKey, secretKey });
    const raw = rawGet(`${baseUrl}/api/clients?client_id=1`);
    const get = () => intend.clients.get(1);
    // ky alone, with the client's timeout, retry options (limit, timeouts retried, a Retry-After
    // waited at most one timeout, jitter) and the same signing: the floor ky sets.
    const plainKy = ky.create({
      timeout: 30_000,
      retry: { limit: 2, retryOnTimeout: true, maxRetryAfter: 30_000, jitter: true },
    });
    const kyOnly = () =>
      plainKy.get(`${baseUrl}/api/clients?client_id=1`, { headers: signedHeaders() }).json();
    const axiosOnly = async () =>
      (await axios.get(`${baseUrl}/api/clients?client_id=1`, { headers: signedHeaders(), timeout: 30_000 }))
        .data;
    await recordRequestPath({
      id: 'intend-client',
      name: '`clients.get()`',
      labels: { raw: 'raw fetch + createHmac', subject: 'clients.get()' },
      calls: { raw, subject: get, ky: kyOnly, axios: axiosOnly },
    });
  },
  requestPathTimeout,
);

test(
  'clients.get() seen from outside: nobody listening, a tracing subscriber, debug logging',
  async () => {
    const baseUrl = await serve({ clients: 1 });
    const quiet = createIntendClient({ baseUrl, apiKey, secretKey, logLevel: 'warn' });
    const drop = () => undefined;
    const logger = { debug: drop, info: drop, warn: drop, error: drop };
    const verbose = createIntendClient({ baseUrl, apiKey, secretKey, logger, logLevel: 'debug' });
    const channel = tracingChannel('bridgekit:intend:call');
    const handlers = { start: drop, end: drop, asyncStart: drop, asyncEnd: drop, error: drop };
    const traced = async () => {
      channel.subscribe(handlers);
      subscribe('bridgekit:attempt', drop);
      try {
        return await perCall(400, () => quiet.clients.get(1));
      } finally {
        channel.unsubscribe(handlers);
        unsubscribe('bridgekit:attempt', drop);
      }
    };
    for (const run of [() => quiet.clients.get(1), () => verbose.clients.get(1)]) await perCall(300, run);
    const samples = await sampleInRounds(15, {
      nobody: () => perCall(400, () => quiet.clients.get(1)),
      traced,
      debug: () => perCall(400, () => verbose.clients.get(1)),
    });
    const medians = mediansOf(samples);
    const nobody = { label: "nobody listening, logLevel 'warn'", value: medians['nobody'] ?? 0 };
    for (const [id, key, label] of [
      ['intend-client.11', 'traced', 'subscribers on bridgekit:intend:call and bridgekit:attempt'],
      ['intend-client.12', 'debug', "logLevel 'debug' to a logger that drops the lines"],
    ] as const) {
      record({
        id,
        title: `\`clients.get()\` one at a time, with ${label}`,
        unit: 'ms',
        subject: { label, value: medians[key] ?? 0 },
        baseline: nobody,
        ratio: pairedRatio(samples[key] ?? [], samples['nobody'] ?? []),
        ratioMeaning: 'of the time with nobody listening',
        target: 'for reference: what seeing inside a call costs',
        met: true,
        note: 'medians of 15 rounds, each ratio within its round; the request-path targets are measured with nobody listening',
      });
    }
  },
  requestPathTimeout,
);

function signedHeaders(): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secretKey)
    .update(apiKey + timestamp)
    .digest('hex');
  return { 'api-key': apiKey, timestamp, signature, accept: 'application/json' };
}

/** The loop a user writes against the documented API: page after page until a short one. */
async function handLoop(baseUrl: string, pageSize = 50): Promise<number> {
  let records = 0;
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${baseUrl}/api/clients?page=${page}`, { headers: signedHeaders() });
    const { data } = (await response.json()) as { data: unknown[] };
    records += data.length;
    if (data.length < pageSize) return records;
  }
}

/** got's paginator, the peer a user would pick, on the same documented shape. */
async function gotPaginate(baseUrl: string): Promise<number> {
  const records = await got.paginate.all<unknown, { data: unknown[] }>(`${baseUrl}/api/clients`, {
    searchParams: { page: 1 },
    responseType: 'json',
    hooks: { beforeRequest: [(options) => void Object.assign(options.headers, signedHeaders())] },
    pagination: {
      transform: (response) => response.body.data,
      paginate: ({ response, currentItems }) => {
        if (currentItems.length < 50) return false;
        const page = Number(new URL(response.requestUrl).searchParams.get('page'));
        return { searchParams: { page: page + 1 } };
      },
    },
  });
  return records.length;
}

async function listAll(baseUrl: string, options: Partial<IntendClientOptions> = {}, concurrency = 4) {
  const intend = createIntendClient({ baseUrl, apiKey, secretKey, ...options });
  return (await intend.clients.list({}, { concurrency }).toArray({ limit: 1_000_000 })).length;
}

test('listing 5,000 records at 20 ms a page, documented shape: hand loop, got.paginate, clients.list()', async () => {
  const baseUrl = await serve({ clients: 5000, faults: { latency: 20 } });
  const times = await compareInRounds(3, {
    loop: () => timed(() => handLoop(baseUrl)),
    got: () => timed(() => gotPaginate(baseUrl)),
    defaults: () => timed(() => listAll(baseUrl)),
    eight: () => timed(() => listAll(baseUrl, {}, 8)),
  });
  const loop = times['loop'] ?? 1;
  const speedup = (name: string) => loop / (times[name] ?? loop);
  const peers = [
    { label: 'got.paginate', value: times['got'] ?? 0 },
    { label: 'clients.list({}, {concurrency: 8})', value: times['eight'] ?? 0 },
  ];
  record({
    id: 'intend-client.03',
    title: 'listing 5,000 records, 20 ms a page, no metadata: `clients.list()` defaults',
    unit: 'ms',
    subject: { label: 'clients.list() (concurrency 4)', value: times['defaults'] ?? 0 },
    baseline: { label: 'hand-written sequential loop', value: loop },
    peers,
    ratio: speedup('defaults'),
    ratioMeaning: 'faster than the loop',
    target: '>= 3x the loop, and faster than got',
    met: speedup('defaults') >= 3 && (times['defaults'] ?? 0) < (times['got'] ?? 0),
    note: `got.paginate: ${speedup('got').toFixed(2)}x the loop; the slow start's ceiling at window 4 is about 3.7x`,
  });
  record({
    id: 'intend-client.04',
    title: 'listing 5,000 records, 20 ms a page, no metadata: `concurrency: 8`',
    unit: 'ms',
    subject: { label: 'clients.list({}, {concurrency: 8})', value: times['eight'] ?? 0 },
    baseline: { label: 'hand-written sequential loop', value: loop },
    ratio: speedup('eight'),
    ratioMeaning: 'faster than the loop',
    target: '>= 5x the loop',
    met: speedup('eight') >= 5,
  });
});

test('requests a listing sends on the documented shape', async () => {
  for (const [id, clients, budget] of [
    // A short first page is confirmed by the next: the tenant may page by fewer than 50.
    ['intend-client.05', 30, 2],
    ['intend-client.06', 50, 2],
    ['intend-client.07', 5000, 104],
  ] as const) {
    const baseUrl = await serve({ clients });
    const { fetch, counts } = countingFetch();
    const listed = await listAll(baseUrl, { fetch });
    record({
      id,
      title: `requests to list ${clients} records with defaults (no metadata)`,
      unit: 'requests',
      subject: { label: 'clients.list()', value: counts.requests },
      target: clients === 5000 ? 'at most 104, never more than 4 in flight' : `exactly ${budget}`,
      met:
        listed === clients &&
        (clients === 5000
          ? counts.requests <= budget && counts.maxInFlight <= 4
          : counts.requests === budget),
      note: `${listed} records listed; at most ${counts.maxInFlight} in flight`,
    });
  }
});

test('listing 2,000 records at 20 ms a page from a tenant that pages by 20', async () => {
  const baseUrl = await serve({ clients: 2000, pageSize: 20, faults: { latency: 20 } });
  const times = await compareInRounds(3, {
    // The loop knows the tenant's page size; the client learns it.
    loop: () => timed(() => handLoop(baseUrl, 20)),
    defaults: () => timed(() => listAll(baseUrl)),
  });
  const loop = times['loop'] ?? 1;
  const speedup = loop / (times['defaults'] ?? loop);
  record({
    id: 'intend-client.10',
    title:
      "listing 2,000 records paged by 20 (below the vendor's 50), 20 ms a page: `clients.list()` defaults",
    unit: 'ms',
    subject: { label: "clients.list() (pageSize 'auto')", value: times['defaults'] ?? 0 },
    baseline: { label: 'hand-written loop that knows the page size', value: loop },
    ratio: speedup,
    ratioMeaning: 'faster than the loop',
    target: '>= 3x the loop, every record',
    met: speedup >= 3,
    note: 'the page size is learned from the first two pages; without it the listing stopped after the first 20 records',
  });
});

test('listing 5,000 records at 20 ms a page with Laravel metadata (not what the vendor documents)', async () => {
  const baseUrl = await serve({ clients: 5000, paginationMetadata: true, faults: { latency: 20 } });
  const times = await compareInRounds(3, {
    loop: async () => {
      const intend = createIntendClient({ baseUrl, apiKey, secretKey });
      return timed(async () => {
        for (let page = 1; ; page += 1) {
          const data = await intend.request<{ data: unknown[] }>('GET', '/api/clients', { query: { page } });
          if (data.data.length < 50) return;
        }
      });
    },
    defaults: () => timed(() => listAll(baseUrl)),
  });
  const speedup = (times['loop'] ?? 1) / (times['defaults'] ?? 1);
  record({
    id: 'intend-client.08',
    title: 'listing 5,000 records, 20 ms a page, with `last_page` metadata: `clients.list()` defaults',
    unit: 'ms',
    subject: { label: 'clients.list()', value: times['defaults'] ?? 0 },
    baseline: { label: 'sequential loop', value: times['loop'] ?? 0 },
    ratio: speedup,
    ratioMeaning: 'faster than the loop',
    target: 'for reference (metadata is not documented)',
    met: true,
  });
});

test('memory: retained heap listing 5,000 against 50,000 records', async () => {
  // Collect before every sample, so the figure is what the listing retains, not garbage waiting
  // for the collector.
  const collect = garbageCollector();
  const peakGrowth = async (clients: number) => {
    const intend = createIntendClient({ baseUrl: await serve({ clients }), apiKey, secretKey });
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
  const growth = large.megabytes - small.megabytes;
  record({
    id: 'intend-client.09',
    title: 'peak retained heap while listing, 10x the records',
    unit: 'MB',
    subject: { label: `${large.count} records`, value: large.megabytes },
    baseline: { label: `${small.count} records`, value: small.megabytes },
    target: 'flat: under 5 MB more for 10x the records',
    met: growth < 5,
    note: `+${growth.toFixed(1)} MB for 10x the records; a listing that buffered would grow by tens of MB`,
  });
});
