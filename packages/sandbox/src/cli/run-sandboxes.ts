import { createIngoSandbox } from '../ingo/ingo-sandbox.js';
import { ingoSandboxScopes } from '../ingo/ingo-scopes.js';
import { createIntendSandbox } from '../intend/intend-sandbox.js';
import type { RunningSandbox } from '../server/sandbox-server.js';
import type { CliArguments } from './cli-arguments.js';

/** The credentials every sandbox the command starts accepts: test values, printed on purpose. */
export const cliCredentials = {
  apiKey: 'sandbox-api-key',
  secretKey: 'sandbox-secret-key-0123456789',
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-client-secret',
} as const;

/** What the command prints: where each sandbox listens and the credentials it accepts. */
export interface SandboxSummary {
  readonly intend: { readonly url: string; readonly apiKey: string; readonly secretKey: string };
  readonly ingo: {
    readonly url: string;
    readonly tokenUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scopes: readonly string[];
  };
}

/** Starts both sandboxes on 127.0.0.1 as `args` says; `close()` stops both. */
export async function runSandboxes(
  args: CliArguments,
): Promise<{ readonly summary: SandboxSummary; readonly close: () => Promise<void> }> {
  const { apiKey, secretKey, clientId, clientSecret } = cliCredentials;
  const faults = args.latency > 0 ? { latency: args.latency } : {};
  const scopes = Object.values(ingoSandboxScopes);
  const intend = createIntendSandbox({
    apiKey,
    secretKey,
    clients: args.clients,
    pageSize: args.pageSize,
    seed: args.seed,
    faults,
  });
  const ingo = createIngoSandbox({ clients: [{ clientId, clientSecret, scopes }], seed: args.seed, faults });
  const running: RunningSandbox[] = [];
  try {
    running.push(await intend.listen({ port: args.intendPort }));
    running.push(await ingo.listen({ port: args.ingoPort }));
  } catch (error) {
    await Promise.all(running.map((server) => server.close()));
    throw error;
  }
  const [intendServer, ingoServer] = running as [RunningSandbox, RunningSandbox];
  return {
    summary: {
      intend: { url: intendServer.url, apiKey, secretKey },
      ingo: {
        url: ingoServer.url,
        tokenUrl: `${ingoServer.url}/connect/token`,
        clientId,
        clientSecret,
        scopes,
      },
    },
    close: async () => {
      await Promise.all(running.map((server) => server.close()));
    },
  };
}
