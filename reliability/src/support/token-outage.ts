import { formEncode } from '@bridgekit/ingo-auth';
import { forward, freePort, type LoopbackServer, startServer } from './loopback-server.js';
import { credentials } from './secrets.js';

/** A token endpoint that is down for a while, then comes back as the sandbox's. */
export interface TokenOutage {
  readonly tokenUrl: string;
  /** When the endpoint came back (performance.now()), or Infinity before. */
  backAt(): number;
  /** How many requests got the 503. */
  unavailableAnswers(): number;
  close(): Promise<void>;
}

/** What a broken auth proxy might say: the client secret in free text, URL-encoded and as Basic credentials. */
export function echoingBodies(): readonly [string, string] {
  const { ingoClientId, ingoClientSecret } = credentials;
  const basic = Buffer.from(`${formEncode(ingoClientId)}:${formEncode(ingoClientSecret)}`).toString('base64');
  return [
    JSON.stringify({
      title: 'Service Unavailable',
      status: 503,
      detail: `upstream restarting; could not check ${ingoClientSecret} (sent as ${encodeURIComponent(ingoClientSecret)})`,
    }),
    `503 upstream unavailable while checking credentials ${basic} for secret ${ingoClientSecret}`,
  ];
}

/**
Starts the outage at once: for `refusedMs` nothing listens on the port (connections are refused);
then, for `unavailableMs`, a server answers 503 with bodies that echo the client secret; after that,
the same server hands every request on to the sandbox's `/connect/token`.
*/
export async function startTokenOutage(
  sandboxUrl: string,
  { refusedMs, unavailableMs }: { readonly refusedMs: number; readonly unavailableMs: number },
): Promise<TokenOutage> {
  const port = await freePort();
  const bodies = echoingBodies();
  let back = Number.POSITIVE_INFINITY;
  let unavailable = 0;
  let server: Promise<LoopbackServer> | undefined;
  const handler = async (...[request, response, body]: Parameters<Parameters<typeof startServer>[0]>) => {
    if (back === Number.POSITIVE_INFINITY) {
      unavailable += 1;
      const text = bodies[(unavailable - 1) % 2] ?? '';
      const type = text.startsWith('{') ? 'application/problem+json' : 'text/plain';
      response.writeHead(503, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
      response.end(text);
      return;
    }
    const answer = await forward(request, body, sandboxUrl);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control', 'date']) {
      const value = answer.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    response.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
    response.end(answer.body);
  };
  const opening = setTimeout(() => {
    server = startServer(handler, port);
  }, refusedMs);
  const recovery = setTimeout(() => {
    back = performance.now();
  }, refusedMs + unavailableMs);
  return {
    tokenUrl: `http://127.0.0.1:${port}/connect/token`,
    backAt: () => back,
    unavailableAnswers: () => unavailable,
    async close() {
      clearTimeout(opening);
      clearTimeout(recovery);
      await (await server)?.close();
    },
  };
}
