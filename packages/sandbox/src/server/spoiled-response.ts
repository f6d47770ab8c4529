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

/**
@internal A 200 whose JSON body never ends: an opening, then spaces for as long as the client reads
(a pull stream, so nothing is produced ahead of the reader); gzip-encoded when asked, so that a
few kilobytes on the wire inflate without end.
*/
export function endlessResponse(encoding: 'gzip' | undefined): Response {
  const encoder = new TextEncoder();
  const chunk = encoder.encode(' '.repeat(64 * 1024));
  let opened = false;
  // BufferSource, as CompressionStream's writable side is typed.
  const body = new ReadableStream<BufferSource>({
    pull(controller) {
      controller.enqueue(opened ? chunk : encoder.encode('{"status": 200, "response": true, "data": '));
      opened = true;
    },
  });
  const headers = new Headers({ 'content-type': 'application/json' });
  if (encoding === undefined) return new Response(body, { status: 200, headers });
  headers.set('content-encoding', 'gzip');
  return new Response(body.pipeThrough(new CompressionStream('gzip')), { status: 200, headers });
}
