import {
  type BridgekitError,
  createHttpError,
  isBridgekitError,
  isRateLimitError,
  NetworkError,
  TimeoutError,
} from '@bridgekit/errors';
import { type ParsedToken, readTokenResponse } from './access-token.js';
import { tokenRequestInit } from './client-authentication.js';
import type { TokenSettings } from './token-settings.js';
import { sleep } from './waiting.js';

/** @internal Counters a token request reports to. */
export interface TokenRequestCounters {
  tokenRequests: number;
  retries: number;
}

/** @internal A token and how many HTTP requests it took. */
export interface TokenRequestResult {
  readonly parsed: ParsedToken;
  readonly attempts: number;
}

function parseErrorBody(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** One POST to the token endpoint, with its own timeout covering the body too. */
async function attemptTokenRequest(settings: TokenSettings, scope: string): Promise<ParsedToken> {
  const { headers, body } = tokenRequestInit({ ...settings, scope });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeout);
  const where = { method: 'POST', url: settings.tokenUrl } as const;
  const startedAt = settings.now();
  try {
    let response: Response;
    try {
      response = await settings.fetch(settings.tokenUrl, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
    } catch (cause) {
      if (controller.signal.aborted) throw new TimeoutError({ timeout: settings.timeout, ...where, cause });
      throw new NetworkError(
        'Could not reach the Ingo token endpoint; check `environment` or `tokenUrl` and the network',
        {
          ...where,
          cause,
        },
      );
    }
    const receivedAt = settings.now();
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (controller.signal.aborted) throw new TimeoutError({ timeout: settings.timeout, ...where, cause });
      throw new NetworkError('The token response broke off before it was complete', { ...where, cause });
    }
    if (!response.ok) {
      // RFC 6749 section 5.2 bodies become OAuthError (not retryable); 5xx, 408 and 429 stay retryable.
      throw createHttpError({
        status: response.status,
        ...where,
        headers: response.headers,
        body: parseErrorBody(text),
        now: receivedAt,
      });
    }
    return readTokenResponse(text, {
      url: settings.tokenUrl,
      status: response.status,
      headers: response.headers,
      startedAt,
      receivedAt,
      requestedScope: scope,
    });
  } finally {
    clearTimeout(timer);
  }
}

function retryDelay(error: BridgekitError, attempt: number, settings: TokenSettings): number {
  const { backoff, maxBackoff } = settings.retry;
  if (isRateLimitError(error) && error.retryAfter !== undefined)
    return Math.min(error.retryAfter, maxBackoff);
  return settings.random() * Math.min(maxBackoff, backoff * 2 ** (attempt - 1));
}

/** @internal Maps anything thrown to a bridgekit error without losing it. */
export function asBridgekitError(error: unknown): BridgekitError {
  if (isBridgekitError(error)) return error;
  return new NetworkError('The token request failed', { cause: error });
}

/**
@internal Requests a token, retrying network errors, timeouts, 408, 429 and 5xx with exponential
backoff and full jitter. Everything else (an RFC 6749 error, a malformed 200) fails at once.
*/
export async function requestToken(
  settings: TokenSettings,
  scope: string,
  counters: TokenRequestCounters,
): Promise<TokenRequestResult> {
  for (let attempt = 1; ; attempt += 1) {
    counters.tokenRequests += 1;
    if (attempt > 1) counters.retries += 1;
    try {
      return { parsed: await attemptTokenRequest(settings, scope), attempts: attempt };
    } catch (caught) {
      const error = asBridgekitError(caught);
      if (!error.retryable || attempt >= settings.retry.attempts) throw error;
      await sleep(retryDelay(error, attempt, settings));
    }
  }
}
