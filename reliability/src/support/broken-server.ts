import type { ServerResponse } from 'node:http';
import { type LoopbackServer, startServer } from './loopback-server.js';

/** How the server misbehaves; the path of each request picks the mode (`/accept-only/...`). */
export const brokenModes = {
  'accept-only': 'connection accepted, no answer ever',
  'headers-only': 'status and headers, then nothing',
  'half-body-hang': 'half the body, then nothing',
  'half-body-destroy': 'half the body, then the connection destroyed',
  'not-http': 'bytes that are not HTTP, then the connection closed',
  drip: 'a chunked body that drips a byte every 100 ms, never ending',
} as const;

export type BrokenMode = keyof typeof brokenModes;

const body = JSON.stringify({
  status: 200,
  response: true,
  data: [{ id: 1 }],
  access_token: 'never-complete',
  token_type: 'Bearer',
  expires_in: 3600,
});

function answer(mode: BrokenMode, response: ServerResponse, intervals: Set<NodeJS.Timeout>): void {
  const socket = response.socket;
  switch (mode) {
    case 'accept-only':
      return;
    case 'headers-only':
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      response.flushHeaders();
      return;
    case 'half-body-hang':
    case 'half-body-destroy':
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      response.write(body.slice(0, body.length / 2), () => {
        if (mode === 'half-body-destroy') socket?.destroy();
      });
      return;
    case 'not-http':
      socket?.end('SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001garbage\r\n\r\n');
      return;
    case 'drip': {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":200,"data":[');
      const interval = setInterval(() => response.write(' '), 100);
      intervals.add(interval);
      response.on('close', () => {
        clearInterval(interval);
        intervals.delete(interval);
      });
      return;
    }
  }
}

/** A server that misbehaves as the first path segment says; `close()` also stops every drip. */
export async function startBrokenServer(): Promise<LoopbackServer> {
  const intervals = new Set<NodeJS.Timeout>();
  const server = await startServer((request, response) => {
    const mode = (request.url ?? '/').split('/')[1] as BrokenMode;
    answer(mode in brokenModes ? mode : 'accept-only', response, intervals);
  });
  return {
    ...server,
    get requests() {
      return server.requests;
    },
    async close() {
      for (const interval of intervals) clearInterval(interval);
      await server.close();
    },
  };
}
