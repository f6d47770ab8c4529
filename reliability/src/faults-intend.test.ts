import { createIntendClient } from '@bridgekit/intend-client';
import { createIntendSandbox, type FaultConfig } from '@bridgekit/sandbox';
import { afterAll, expect, test } from 'vitest';
import { leakAuditTest } from './support/leak-audit-test.js';
import { forward, type LoopbackServer, startServer } from './support/loopback-server.js';
import { listWithResume, summariseStops } from './support/resumable-listing.js';
import { credentials } from './support/secrets.js';
import { recordRow } from './support/table-row.js';

const clients = 1000;
const pages = clients / 50;
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function sandboxWith(faults: FaultConfig, seed: number) {
  return createIntendSandbox({
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
    clients,
    seed,
    faults,
  });
}

function clientFor(baseUrl: string) {
  return createIntendClient({
    baseUrl,
    apiKey: credentials.intendApiKey,
    secretKey: credentials.intendSecretKey,
  });
}

const randomFaults: ReadonlyArray<readonly [string, FaultConfig]> = [
  ['5xx (500/502/503) at 30%', { errorRate: 0.3 }],
  ['429 with Retry-After: 1 s at 10%', { rateLimitRate: 0.1, retryAfterSeconds: 1 }],
  ['connection destroyed before the answer, 20%', { dropRate: 0.2 }],
  ['connection cut mid-body (full Content-Length promised), 20%', { truncatedBodyRate: 0.2 }],
  ['malformed JSON (200, not JSON) at 10%', { malformedJsonRate: 0.1 }],
  [
    'all at once: 5xx 10%, 429 5%, drop 5%, cut 5%, malformed 5%',
    {
      errorRate: 0.1,
      rateLimitRate: 0.05,
      retryAfterSeconds: 1,
      dropRate: 0.05,
      truncatedBodyRate: 0.05,
      malformedJsonRate: 0.05,
    },
  ],
];

test.for(randomFaults.map(([name, faults], index) => ({ name, faults, seed: 100 + index })))(
  'Faults: Intend listing under $name completes exactly, or stops typed and resumes exactly',
  { timeout: 60_000 },
  async ({ name, faults, seed }, { task }) => {
    const sandbox = sandboxWith(faults, seed);
    const running = await sandbox.listen();
    servers.push({ ...running, requests: 0 });
    const result = await listWithResume(clientFor(running.url));
    const expected = sandbox.data.clients.map((client) => client.id);
    const injected = Object.values(sandbox.stats.faults).reduce((sum, count) => sum + count, 0);
    recordRow(task, {
      section: 'Faults',
      fault: `Intend listing (${pages} pages): ${name}`,
      outcome: `${summariseStops(result.stops)}; ${injected} faults injected`,
      retries: injected - result.stops.length,
      lost: expected.filter((id) => !result.ids.includes(id)).length,
      tokenRequests: '-',
    });
    expect(result.defects).toEqual([]);
    expect(result.ids).toEqual(expected);
  },
);

test('Faults: Intend listing whose JSON is cut short (complete response, every 6th page) resumes exactly', async ({
  task,
}) => {
  const sandbox = sandboxWith({}, 200);
  const upstream = await sandbox.listen();
  servers.push({ ...upstream, requests: 0 });
  let pageAnswers = 0;
  let cut = 0;
  // A proxy that hands on every answer, but sends only the first half of every 6th page's JSON,
  // with a Content-Length that matches: the HTTP exchange is complete, the document is not.
  const proxy = await startServer(async (request, response, body) => {
    const answer = await forward(request, body, upstream.url);
    let bytes = answer.body;
    if ((request.url ?? '').startsWith('/api/clients')) {
      pageAnswers += 1;
      if (pageAnswers % 6 === 0) {
        bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
        cut += 1;
      }
    }
    response.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'content-length': bytes.length,
    });
    response.end(bytes);
  });
  servers.push(proxy);
  const result = await listWithResume(clientFor(proxy.url));
  const expected = sandbox.data.clients.map((client) => client.id);
  recordRow(task, {
    section: 'Faults',
    fault: `Intend listing (${pages} pages): truncated JSON, every 6th answer`,
    outcome: `${summariseStops(result.stops)}; ${cut} answers cut`,
    retries: proxy.requests - pages - result.stops.length,
    lost: expected.filter((id) => !result.ids.includes(id)).length,
    tokenRequests: '-',
  });
  expect(result.defects).toEqual([]);
  expect(cut).toBeGreaterThan(0);
  expect(result.ids).toEqual(expected);
}, 60_000);

leakAuditTest('faults, Intend');
