import { type LoopbackServer, startServer } from './loopback-server.js';
import { credentials } from './secrets.js';

function send(
  response: Parameters<Parameters<typeof startServer>[0]>[1],
  status: number,
  type: string,
  body: string,
): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
An Intend-like server that fails every request and echoes the credentials back: the secret key in
free text (no `secret=` for a pattern to catch), the API key, the signature and the request's
headers; on `/text/...` paths as plain text, URL-encoded.
*/
export function startIntendEchoServer(): Promise<LoopbackServer> {
  const { intendApiKey, intendSecretKey } = credentials;
  return startServer((request, response) => {
    const signature = String(request.headers['signature'] ?? '');
    if ((request.url ?? '').startsWith('/text/')) {
      send(
        response,
        502,
        'text/plain',
        `upstream said: key ${encodeURIComponent(intendSecretKey)} / ${encodeURIComponent(intendApiKey)} refused`,
      );
      return;
    }
    const msg = `bad signature ${signature} for secret ${intendSecretKey} (key ${intendApiKey})`;
    send(
      response,
      500,
      'application/json',
      JSON.stringify({ status: 500, response: false, msg, data: { headers: request.headers } }),
    );
  });
}

/** A token endpoint that refuses the client and quotes its secret in `error_description`, twice over. */
export function startTokenEchoServer(): Promise<LoopbackServer> {
  const { ingoClientSecret } = credentials;
  return startServer((request, response, body) => {
    const error_description = `bad client_secret=${ingoClientSecret}; the secret ${ingoClientSecret} is not ours; you sent ${body.toString()} ${String(request.headers['authorization'] ?? '')}`;
    send(response, 400, 'application/json', JSON.stringify({ error: 'invalid_client', error_description }));
  });
}

/** An Ingo-like API that fails every call and echoes the bearer token it was sent. */
export function startApiEchoServer(): Promise<LoopbackServer> {
  return startServer((request, response) => {
    const authorization = String(request.headers['authorization'] ?? '');
    const token = authorization.replace(/^Bearer\s+/i, '');
    send(
      response,
      500,
      'application/problem+json',
      JSON.stringify({
        title: 'Internal Server Error',
        status: 500,
        detail: `token ${token} rejected by the scoring backend`,
        traceId: '|echo.1.',
      }),
    );
  });
}
