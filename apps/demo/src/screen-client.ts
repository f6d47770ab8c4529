import {
  isAbortError,
  isBridgekitError,
  isConfigurationError,
  isHttpError,
  isOAuthError,
} from '@bridgekit/errors';
import type { IdentityScoreRequest, IdentityScoreResponse, ScoreBand } from '@bridgekit/ingo-auth';
import type { IntendClientRecord } from '@bridgekit/intend-client';
import { type ClientBand, groupResults, overallBand, type ScoredGroup } from './client-band.js';
import { fullName, identityRequest, text } from './identity-request.js';

/** One line of the report. */
export interface ScreeningRow {
  readonly clientId: number;
  readonly account: string;
  readonly name: string;
  readonly email: string;
  readonly overallBand: ClientBand;
  /** Per response group Ingo answered (`emailAddress`, `mobileNumber`, `address`); `null` when not found. */
  readonly scores: Readonly<Partial<Record<ScoredGroup, number | null>>>;
  /** The band of each score in `scores`. */
  readonly bands: Readonly<Partial<Record<ScoredGroup, ScoreBand>>>;
  /** Set on failed rows, `null` on scored ones (as are `traceId` and `retryable`). */
  readonly errorCode: string | null;
  /** The trace id Ingo support asks for, when the failure was an HTTP answer carrying one. */
  readonly traceId: string | null;
  /** Whether the failure may go away on a rescore (`--retry-failed`). */
  readonly retryable: boolean | null;
}

/** Scores one identity; resolves to Ingo's response groups. */
export type ScoreIdentity = (
  request: IdentityScoreRequest,
  signal: AbortSignal,
) => Promise<IdentityScoreResponse>;

function describeClient(client: IntendClientRecord) {
  return {
    clientId: client.id,
    account: text(client.account) ?? '',
    name: fullName(client),
    email: text(client.email) ?? '',
  };
}

/** Errors that say the whole run is misconfigured rather than one client failing. */
function isFatal(error: unknown): boolean {
  return (
    isOAuthError(error) ||
    isConfigurationError(error) ||
    (isHttpError(error) && (error.status === 401 || error.status === 403))
  );
}

/**
Scores one client. A failure of this client alone becomes a `failed` row; an abort, a fatal
error or anything that is not a bridgekit error is thrown, to stop the run.
*/
export async function screenClient(
  client: IntendClientRecord,
  scoreIdentity: ScoreIdentity,
  signal: AbortSignal,
): Promise<ScreeningRow> {
  try {
    const { scores, bands } = groupResults(await scoreIdentity(identityRequest(client), signal));
    return {
      ...describeClient(client),
      overallBand: overallBand(Object.values(bands)),
      scores,
      bands,
      errorCode: null,
      traceId: null,
      retryable: null,
    };
  } catch (error) {
    if (isAbortError(error) || signal.aborted || isFatal(error) || !isBridgekitError(error)) throw error;
    return {
      ...describeClient(client),
      overallBand: 'failed',
      scores: {},
      bands: {},
      errorCode: error.code,
      traceId: (isHttpError(error) ? error.traceId : undefined) ?? null,
      retryable: error.retryable,
    };
  }
}
