import type { HttpBindings } from '@hono/node-server';

/**
@internal Sends half the body and then cuts the connection. Over a socket the full `Content-Length` is
promised and the socket is ended after the first half is flushed, as a failing proxy would; in
process, the body stream errors instead.
*/
export function truncatedResponse(
  response: Response,
  body: ArrayBuffer,
  outgoing: HttpBindings['outgoing'] | undefined,
): Response {
  const half = new Uint8Array(body, 0, Math.floor(body.byteLength / 2));
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(half);
        return undefined;
      }
      if (!outgoing) {
        controller.error(new Error('The sandbox truncated the response body'));
        return undefined;
      }
      // The adapter reads ahead before it writes the status line, so wait until the headers are out;
      // end(), not destroy(), so that the half already written is flushed before the connection closes.
      const cut = () => {
        if (outgoing.destroyed) return;
        if (outgoing.headersSent) outgoing.socket?.end();
        else setImmediate(cut);
      };
      cut();
      return new Promise<void>(() => undefined);
    },
  });
  const headers = new Headers(response.headers);
  if (outgoing) headers.set('content-length', String(body.byteLength));
  else headers.delete('content-length');
  return new Response(stream, { status: response.status, headers });
}
