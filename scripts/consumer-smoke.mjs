// Runs inside a throwaway project that installed the packed tarballs with plain npm, as a user
// would: every import resolves through node_modules, never through the workspace.

import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { isAuthenticationError, Secret } from '@bridgekit/errors';
import { createIngoClient, createTokenManager } from '@bridgekit/ingo-auth';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIntendSigner, verifyIntendRequest } from '@bridgekit/intend-signer';
import { createIngoSandbox, createIntendSandbox, ingoSandboxScopes } from '@bridgekit/sandbox';

const check = (condition, what) => {
  if (!condition) throw new Error(`consumer smoke test failed: ${what}`);
};

const signer = createIntendSigner({ apiKey: 'smoke-key', secretKey: 'smoke-secret-key-0123' });
const headers = await signer.sign({ method: 'GET', url: 'https://acme.intend.test/api/clients?page=1' });
await verifyIntendRequest(
  { method: 'GET', url: 'https://acme.intend.test/api/clients?page=1', headers },
  { secretFor: () => 'smoke-secret-key-0123' },
);

const intendServer = await createIntendSandbox({
  apiKey: 'smoke-key',
  secretKey: 'smoke-secret-key-0123',
  clients: 120,
}).listen();
const ingoServer = await createIngoSandbox({
  clients: [{ clientId: 'smoke', clientSecret: 'smoke secret+%', scopes: [ingoSandboxScopes.identityScore] }],
}).listen();
try {
  const intend = createIntendClient({
    baseUrl: intendServer.url,
    apiKey: 'smoke-key',
    secretKey: 'smoke-secret-key-0123',
  });
  const clients = await intend.clients.list().toArray({ limit: 1000 });
  check(clients.length === 120, `listed ${clients.length} clients instead of 120`);
  const refused = await createIntendClient({
    baseUrl: intendServer.url,
    apiKey: 'smoke-key',
    secretKey: 'wrong-secret-key-0000',
  })
    .clients.get(1)
    .catch((error) => error);
  check(isAuthenticationError(refused), 'a wrong secret did not give AuthenticationError');

  const tokens = createTokenManager({
    tokenUrl: `${ingoServer.url}/connect/token`,
    clientId: 'smoke',
    clientSecret: 'smoke secret+%',
    scope: ingoSandboxScopes.identityScore,
  });
  const ingo = createIngoClient({ tokens, baseUrl: ingoServer.url });
  await ingo.identityScore({ emailAddress: 'ada@example.com' });
  check(tokens.stats.tokenRequests === 1, 'expected exactly one token request');
  check(String(new Secret('x')) === '[REDACTED]', 'Secret printed its value');
  // `bridgekit doctor`, through the bin npm linked from the @bridgekit/cli tarball.
  const doctor = await promisify(execFile)(
    process.execPath,
    ['node_modules/.bin/bridgekit', 'doctor', '--json'],
    {
      env: {
        PATH: process.env.PATH,
        INTEND_BASE_URL: intendServer.url,
        INTEND_API_KEY: 'smoke-key',
        INTEND_SECRET_KEY: 'smoke-secret-key-0123',
      },
    },
  );
  check(JSON.parse(doctor.stdout).ok === true, `bridgekit doctor did not pass: ${doctor.stdout}`);
} finally {
  await Promise.all([intendServer.close(), ingoServer.close()]);
}
// The sandbox command, as `npx @bridgekit/sandbox` runs it: the bin npm linked from the tarball.
const cli = spawn(
  process.execPath,
  ['node_modules/@bridgekit/sandbox/dist/cli.js', '--json', '--clients', '3'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = await once(createInterface({ input: cli.stdout }), 'line');
const summary = JSON.parse(line);
const pageUrl = `${summary.intend.url}/api/clients?page=1`;
const cliSigner = createIntendSigner({ apiKey: summary.intend.apiKey, secretKey: summary.intend.secretKey });
const answer = await fetch(pageUrl, { headers: await cliSigner.sign({ method: 'GET', url: pageUrl }) });
check(
  answer.status === 200 && (await answer.json()).data.length === 3,
  'the sandbox command did not answer a signed request',
);
check(summary.ingo.tokenUrl.endsWith('/connect/token'), 'the sandbox command printed no token URL');
cli.kill('SIGTERM');
const [code] = await once(cli, 'exit');
check(code === 0, `the sandbox command exited with ${code} on SIGTERM`);
check(
  (await import('node:fs')).existsSync('node_modules/.bin/bridgekit-sandbox'),
  'npm linked no bridgekit-sandbox bin',
);
console.log(`consumer smoke test passed on Node ${process.version}`);
