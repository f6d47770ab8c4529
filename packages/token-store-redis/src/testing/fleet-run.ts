import {
  createIngoSandbox,
  type IngoSandbox,
  ingoSandboxScopes,
  type RunningSandbox,
} from '@bridgekit/sandbox';
import type { Fleet } from './fleet.js';
import type { MemberConfig, RunReport } from './fleet-protocol.js';

/** The fleet's Ingo client: a secret every character of RFC 6749's form encoding changes. */
export const fleetClient = { clientId: 'fleet-client', clientSecret: 'fleet secret+%:1' } as const;

/** An Ingo sandbox over HTTP on 127.0.0.1 with short tokens and a token endpoint that takes a while. */
export async function fleetSandbox(
  tokenTtlSeconds: number,
  latency: number,
): Promise<{ sandbox: IngoSandbox; running: RunningSandbox; tokenRequests(): number }> {
  const sandbox = createIngoSandbox({
    clients: [{ ...fleetClient, scopes: [ingoSandboxScopes.identityScore] }],
    tokenTtlSeconds,
    faults: { routes: { '/connect/token': { latency } } },
  });
  const running = await sandbox.listen();
  return { sandbox, running, tokenRequests: () => sandbox.stats.count('POST /connect/token') };
}

/** A member's setup against `running`, with the given client and Redis. */
export function memberOf(
  running: RunningSandbox,
  client: MemberConfig['client'],
  extra: Partial<MemberConfig> = {},
): MemberConfig {
  return {
    client,
    tokenUrl: `${running.url}/connect/token`,
    ...fleetClient,
    scope: ingoSandboxScopes.identityScore,
    ...extra,
  };
}

/** Runs `loops` concurrent getToken() loops (one call, then `pauseMs`) in every member for `durationMs`. */
export function runFleet(fleet: Fleet, durationMs: number, loops = 100, pauseMs = 10): Promise<RunReport[]> {
  return Promise.all(
    fleet.members.map(
      async (member) => (await member.ask({ type: 'run', durationMs, loops, pauseMs })).report,
    ),
  );
}

/**
The token sequence the whole fleet used: every member's sequence must be the same, except that a
member may not have got to the last token before the run ended. Throws otherwise.
*/
export function sharedSequence(reports: readonly RunReport[]): readonly string[] {
  const longest = reports.reduce<readonly string[]>(
    (found, report) => (report.sequence.length > found.length ? report.sequence : found),
    [],
  );
  for (const [index, { sequence }] of reports.entries()) {
    const isPrefix = sequence.every((token, position) => longest[position] === token);
    if (!isPrefix || sequence.length < longest.length - 1) {
      throw new Error(
        `member ${index} used tokens ${sequence.join(' ')}; the fleet used ${longest.join(' ')}`,
      );
    }
  }
  return longest;
}

/** One line of figures for the test output and the README. */
export function figures(label: string, requests: number, reports: readonly RunReport[]): string {
  const calls = reports.reduce((sum, report) => sum + report.calls, 0);
  const slowest = Math.max(...reports.map((report) => report.slowestMs));
  const waits = reports.reduce((sum, report) => sum + report.waitsOnRefresh, 0);
  const storeErrors = reports.reduce((sum, report) => sum + report.storeErrors, 0);
  return `${label}: ${requests} token requests, ${calls} getToken() calls, ${waits} waits on a refresh, slowest call ${Math.round(slowest)} ms, ${storeErrors} store errors\n`;
}
