import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type LoopbackServer, startServer } from './loopback-server.js';

/** What one request to the second origin carried: everything a thief could keep. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: string;
  readonly body: string;
}

/** A server that records every request in full and answers each like a token endpoint would. */
export async function startRecordingServer(): Promise<
  LoopbackServer & { readonly received: ReceivedRequest[] }
> {
  const received: ReceivedRequest[] = [];
  const server = await startServer((request, response, body) => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: JSON.stringify(request.headers),
      body: body.toString('utf8'),
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ access_token: 'stolen-origin-token', token_type: 'Bearer', expires_in: 3600 }),
    );
  });
  return Object.assign(server, { received });
}

/**
A server that answers with a redirect to `target`: the status is the path's first segment
(`/307/connect/token` → 307 to `${target}/connect/token`). On `/<status>/api/clients?page=1` it
answers one full page of 50 Intend records first, so that a listing's later page is the one redirected.
*/
export function startRedirectServer(target: string): Promise<LoopbackServer> {
  return startServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, status, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    if (path === '/api/clients' && url.searchParams.get('page') === '1') {
      const data = Array.from({ length: 50 }, (_, index) => ({ id: index + 1 }));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 200, response: true, data, msg: 'Request Successful' }));
      return;
    }
    response.writeHead(Number(status), { location: `${target}${path}${url.search}` });
    response.end();
  });
}

/** Spaces after a JSON opening, for ever, produced only as fast as the socket takes them. */
function* endlessJson(): Generator<Buffer> {
  yield Buffer.from('{"status": 200, "response": true, "access_token": "');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (;;) yield chunk;
}

/** A server whose every answer is a 200 with an endless body: gzip-encoded on paths under `/gzip/`. */
export function startEndlessServer(): Promise<LoopbackServer> {
  return startServer(async (request, response) => {
    const gzip = (request.url ?? '').startsWith('/gzip/');
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    const source = Readable.from(endlessJson());
    // Ends when the client cancels the body and the socket closes.
    await (gzip ? pipeline(source, createGzip(), response) : pipeline(source, response)).catch(
      () => undefined,
    );
  });
}

/** Samples the process's memory while `run` runs: the peak RSS and heap, in MB. */
export async function peakMemoryDuring<T>(
  run: () => Promise<T>,
): Promise<{ result: T; rssMb: number; heapMb: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 5);
  try {
    const result = await run();
    return { result, rssMb: Math.round(rss / 1_048_576), heapMb: Math.round(heap / 1_048_576) };
  } finally {
    clearInterval(timer);
  }
}
