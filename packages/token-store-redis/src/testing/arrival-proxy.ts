import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
An HTTP proxy on 127.0.0.1 in front of `target` that tells of each request the moment it arrives,
so that a test can act while the server is still working on it (kill the client mid-request).
*/
export async function arrivalProxy(
  target: string,
  onArrival: () => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    onArrival();
    const upstream = request(
      { hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
