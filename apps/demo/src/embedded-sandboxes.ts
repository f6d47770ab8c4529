import { ingoScopes } from '@bridgekit/ingo-auth';
import { createIngoSandbox, createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';

/** Demo-only credentials for the embedded sandboxes; they protect nothing. */
const intendCredentials = { apiKey: 'demo-api-key', secretKey: 'demo-secret-key-for-the-sandbox' };
const ingoCredentials = { clientId: 'bridgekit-demo', clientSecret: 'demo+client secret/with:odd%chars' };

/** The seed of the sandboxes' data and faults: the same seed gives the same clients and scores. */
export const sandboxSeed = 1;

export interface EmbeddedSandboxes {
  readonly intend: { readonly baseUrl: string; readonly apiKey: string; readonly secretKey: string };
  readonly ingo: {
    readonly tokenUrl: string;
    readonly baseUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scope: string;
  };
  /** Token requests the Ingo sandbox answered with a token. */
  tokensIssued(): number;
  close(): Promise<void>;
}

/**
Starts an Intend and an Ingo sandbox on 127.0.0.1 (free ports). Faults, when asked for, hit the
two APIs the job calls, not the token endpoint, so that the run shows listing and scoring
retries.
*/
export async function startEmbeddedSandboxes(options: {
  readonly clients: number;
  readonly latency: number;
  readonly faultRate: number;
  readonly seed?: number;
}): Promise<EmbeddedSandboxes> {
  // Each sandbox gets the faults of its own route: a route it does not serve is refused.
  const faultsOn = (route: string) =>
    options.faultRate > 0 || options.latency > 0
      ? { faults: { latency: options.latency, routes: { [route]: { errorRate: options.faultRate } } } }
      : {};
  const intendSandbox = createIntendSandbox({
    ...intendCredentials,
    clients: options.clients,
    seed: options.seed ?? sandboxSeed,
    ...faultsOn('GET /api/clients'),
  });
  const ingoSandbox = createIngoSandbox({
    clients: [{ ...ingoCredentials, scopes: [ingoScopes.identityScore] }],
    seed: options.seed ?? sandboxSeed,
    ...faultsOn('POST /identity/score'),
  });
  const [intend, ingo] = await Promise.all([intendSandbox.listen(), ingoSandbox.listen()]);
  const servers: RunningSandbox[] = [intend, ingo];
  return {
    intend: { baseUrl: intend.url, ...intendCredentials },
    ingo: {
      tokenUrl: `${ingo.url}/connect/token`,
      baseUrl: ingo.url,
      ...ingoCredentials,
      scope: ingoScopes.identityScore,
    },
    tokensIssued: () => ingoSandbox.issuedTokens,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
