import type { Logger } from '@bridgekit/http';
import {
  createIngoClient,
  createTokenManager,
  type IngoClient,
  type TokenManager,
} from '@bridgekit/ingo-auth';
import { createIntendClient, type IntendClient } from '@bridgekit/intend-client';
import type { CliOptions } from './cli-options.js';
import type { Endpoints } from './demo-endpoints.js';
import type { RunCounters } from './report-model.js';
import type { ScoreIdentity } from './screening-job.js';

/** The clients of one run, sharing one token manager, and the counters they feed. */
export interface DemoConnection {
  readonly intend: IntendClient;
  readonly scoreIdentity: ScoreIdentity;
  /** What the clients counted, for the summary. */
  counters(): Pick<RunCounters, 'intendRetries' | 'ingoRetries' | 'tokenRequests' | 'scoringCalls'>;
}

/** Log lines on `stream`: the level, the message, then the fields as JSON. */
function streamLogger(stream: NodeJS.WritableStream): Logger {
  const line =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      stream.write(`${level} ${message} ${JSON.stringify(fields ?? {})}\n`);
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

function countersOf(tokens: TokenManager, ingo: IngoClient, intend: IntendClient) {
  return () => ({
    intendRetries: intend.stats.retries,
    ingoRetries: ingo.stats.retries + tokens.stats.retries,
    tokenRequests: tokens.stats.tokenRequests,
    scoringCalls: ingo.stats.calls,
  });
}

/** One Intend client and one Ingo client, each counting its retries. */
export function connect(
  target: Endpoints,
  options: CliOptions,
  stderr: NodeJS.WritableStream,
): DemoConnection {
  // Every client logs on stderr, which keeps stdout for --json; --verbose: every attempt and every
  // token fetched (debug), else what BRIDGEKIT_LOG says, or warnings only.
  const log = { logger: streamLogger(stderr), ...(options.verbose ? { logLevel: 'debug' as const } : {}) };
  const intend = createIntendClient({
    ...target.intend,
    // Sandbox faults are frequent on purpose: more attempts keep the listing itself alive.
    retry: { limit: target.mode === 'sandbox' && options.sandboxFaultRate > 0 ? 8 : 2 },
    ...log,
  });
  const tokens = createTokenManager({ ...target.tokens, ...log });
  const ingo = createIngoClient({ tokens, ...target.ingo, apiVersion: '1', ...log });
  return {
    intend,
    scoreIdentity: (request, signal) => ingo.identityScore(request, { signal }),
    counters: countersOf(tokens, ingo, intend),
  };
}
