import { createServer, type Server } from 'node:http';
import { createIngoSandbox, createIntendSandbox, type IntendSandboxOptions } from '@bridgekit/sandbox';

export const intendCredentials = { apiKey: 'doctor-key', secretKey: 'doctor-secret-key-0123456789' } as const;
export const ingoCredentials = { clientId: 'doctor-client', clientSecret: 'doctor client secret+%' } as const;
const closers: Array<() => Promise<unknown>> = [];

/** Stops whatever the test started. */
export async function stopAll(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}

/** An Intend sandbox on 127.0.0.1, and the variables that point the doctor at it. */
export async function intendAt(options: Partial<IntendSandboxOptions> = {}): Promise<Record<string, string>> {
  const running = await createIntendSandbox({ ...intendCredentials, clients: 3, ...options }).listen();
  closers.push(() => running.close());
  return {
    INTEND_BASE_URL: running.url,
    INTEND_API_KEY: intendCredentials.apiKey,
    INTEND_SECRET_KEY: intendCredentials.secretKey,
  };
}

/**
An Ingo sandbox on 127.0.0.1, behind a proxy that refuses one client authentication method the
way a real token endpoint does (401 `invalid_client`), when `refuse` names one.
*/
export async function ingoAt(refuse?: 'basic' | 'body'): Promise<Record<string, string>> {
  const sandbox = createIngoSandbox({
    clients: [{ ...ingoCredentials, scopes: ['https://apis.ingo.money/auth/insights/identity-score'] }],
  });
  const running = await sandbox.listen();
  closers.push(() => running.close());
  const proxy = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const basic = /^basic /i.test(request.headers.authorization ?? '');
    if (request.url === '/connect/token' && (refuse === 'basic' ? basic : refuse === 'body' && !basic)) {
      response.writeHead(401, { 'content-type': 'application/json', date: new Date().toUTCString() });
      response.end(JSON.stringify({ error: 'invalid_client' }));
      return;
    }
    const headers = Object.entries(request.headers).filter(
      ([name]) => name !== 'host' && name !== 'content-length',
    );
    const answer = await fetch(`${running.url}${request.url}`, {
      method: request.method ?? 'GET',
      headers: headers as [string, string][],
      ...(body === '' ? {} : { body }),
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  const url = await listen(proxy);
  return {
    INGO_TOKEN_URL: `${url}/connect/token`,
    INGO_API_URL: url,
    INGO_CLIENT_ID: ingoCredentials.clientId,
    INGO_CLIENT_SECRET: ingoCredentials.clientSecret,
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      closers.push(() => new Promise((done) => server.close(done)));
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}
