import { createHttpError } from '@bridgekit/errors';
import {
  bufferedResponse,
  countAttempts,
  type Fetch,
  readBufferedBody,
  requestContext,
  toBridgekitError,
} from '@bridgekit/http';
import ky from 'ky';
import { type ParsedToken, readTokenResponse } from './access-token.js';
import { tokenRequestInit } from './client-authentication.js';
import type { TokenSettings } from './token-settings.js';

/** @internal What a token request reports as it goes, to whoever keeps the counters. */
export interface TokenRequestEvents {
  /** An HTTP request is sent (the first attempt or a retry). */
  readonly onAttempt: () => void;
  /** ky decided to retry. */
  readonly onRetry: () => void;
  /** Aborts the request (the manager was closed); its reason is what the request rejects with. */
  readonly signal: AbortSignal;
}

/** @internal A token and how many HTTP requests it took. */
export interface TokenRequestResult {
  readonly parsed: ParsedToken;
  readonly attempts: number;
}

/** What to check when the token endpoint refuses the client (RFC 6749 5.2 codes). */
function hintFor(body: unknown): string | undefined {
  const code =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['error'] : undefined;
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return 'Check `clientId`, `clientSecret` and `authMethod` (Basic header or form body: use the one Ingo set up for this client)';
  }
  if (code === 'invalid_scope')
    return 'Check `scope`: Ingo issues tokens per API scope, e.g. ingoScopes.identityScore';
  return undefined;
}

// RFC 6749 tokens are a few KiB: 64 KiB is far above any real answer, and bounds a hostile one.
const tokenResponseLimit = { bytes: 65_536 };

/** When the last attempt was sent and answered, on the manager's clock. */
interface AttemptTimes {
  startedAt: number;
  receivedAt: number;
}

/**
The fetch ky calls per attempt: it notes the attempt's times (`expires_in` counts from when the
request was sent) and reads the body inside ky's timeout, so a body that hangs or breaks off is a
timeout or a retryable failure of that attempt.
*/
function timedFetch(settings: TokenSettings, times: AttemptTimes): Fetch {
  return async (input, init) => {
    const startedAt = settings.now();
    const response = await settings.fetch(input, init);
    const receivedAt = settings.now();
    const text = await readBufferedBody(response, requestContext(input, init), tokenResponseLimit);
    times.startedAt = startedAt;
    times.receivedAt = receivedAt;
    return bufferedResponse(text, response);
  };
}

/**
@internal Requests a token on ky: its timeout per attempt, its retries with backoff, full jitter and
`Retry-After`. RFC 6749 errors become `OAuthError` (not retried), a malformed 200 a
`ResponseFormatError` (not retried either). Traced on `bridgekit:ingo:token`, each attempt logged
at `debug` and published on `bridgekit:attempt`.
*/
export function requestToken(
  settings: TokenSettings,
  scope: string,
  events: TokenRequestEvents,
): Promise<TokenRequestResult> {
  const { headers, body } = tokenRequestInit({ ...settings, scope });
  const times: AttemptTimes = { startedAt: 0, receivedAt: 0 };
  const where = { method: 'POST', url: settings.tokenUrl } as const;
  const call = { ...where, client: 'ingo', channel: 'bridgekit:ingo:token', log: settings.log };
  const counter = countAttempts(timedFetch(settings, times), { onAttempt: events.onAttempt, call });
  return counter.trace(async () => {
    try {
      const response = await ky.post(settings.tokenUrl, {
        headers,
        body,
        timeout: settings.timeout,
        retry: settings.retry,
        fetch: counter.fetch,
        signal: events.signal,
        hooks: { beforeRetry: [() => events.onRetry()] },
      });
      const exchange = { url: settings.tokenUrl, status: response.status, headers: response.headers };
      const parsed = readTokenResponse(await response.text(), {
        ...exchange,
        ...times,
        requestedScope: scope,
      });
      settings.scrubber.add(parsed.token.accessToken);
      return { parsed, attempts: counter.result({ value: parsed, response }).attempts };
    } catch (error) {
      const mapped = toBridgekitError(error, {
        ...where,
        timeout: settings.timeout,
        signal: events.signal,
        service: 'the Ingo token endpoint',
        reachHint: 'check `environment` or `tokenUrl` and the network',
        mapHttpError: (response, body, cause) =>
          createHttpError({
            ...where,
            status: response.status,
            headers: response.headers,
            body,
            cause,
            hint: hintFor(body),
          }),
      });
      throw settings.scrubber.scrubError(mapped);
    }
  });
}
