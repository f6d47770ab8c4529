// Runs inside a throwaway project that installed the packed tarballs with plain npm, as a user
// would: every import resolves through node_modules, never through the workspace.

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
} finally {
  await Promise.all([intendServer.close(), ingoServer.close()]);
}
console.log(`consumer smoke test passed on Node ${process.version}`);
