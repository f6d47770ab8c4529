import type { Attributes } from '@opentelemetry/api';

/** What a bridgekit tracing channel's context holds (`CallContext` of `@bridgekit/http`). */
export interface TracedCall {
  readonly client: string;
  readonly method: string;
  /** Redacted by the client before it was published. */
  readonly url: string;
  readonly status?: number | undefined;
  readonly attempts?: number | undefined;
  readonly requestId?: string | undefined;
  readonly errorCode?: string | undefined;
  /** Set by `diagnostics_channel` when the call failed. */
  readonly error?: unknown;
}

/** One `bridgekit:attempt` message, as far as a span event needs it. */
export interface TracedAttempt {
  readonly attempt: number;
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly retryDelayMs: number;
  readonly errorCode: string | undefined;
}

/** The span's name: the client, and `token` for a token request, then the method (`intend GET`). */
export function spanName(call: TracedCall, token: boolean): string {
  return `${call.client}${token ? ' token' : ''} ${call.method}`;
}

/** The attributes known when a call starts: OpenTelemetry's HTTP client conventions. */
export function startAttributes(call: TracedCall): Attributes {
  const attributes: Attributes = {
    'http.request.method': call.method,
    'url.full': call.url,
    'bridgekit.client': call.client,
  };
  try {
    const url = new URL(call.url);
    attributes['server.address'] = url.hostname.replace(/^\[|\]$/g, '');
    attributes['server.port'] = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  } catch {
    // A URL the client could not have sent: the other attributes still say what was called.
  }
  return attributes;
}

/** The attributes a settled call adds: the status, the resends, the request id, the error's type. */
export function endAttributes(call: TracedCall): Attributes {
  const attributes: Attributes = {};
  if (call.status !== undefined) attributes['http.response.status_code'] = call.status;
  if (call.attempts !== undefined && call.attempts > 1)
    attributes['http.request.resend_count'] = call.attempts - 1;
  if (call.requestId !== undefined) attributes['bridgekit.request_id'] = call.requestId;
  if (call.error !== undefined) attributes['error.type'] = call.errorCode ?? 'error';
  return attributes;
}

/** A retry's span event attributes: which resend, the wait before it, and what the attempt before it got. */
export function retryAttributes(attempt: TracedAttempt, before: TracedAttempt | undefined): Attributes {
  const reason = before?.status ?? before?.errorCode;
  return {
    'http.request.resend_count': attempt.attempt - 1,
    'bridgekit.retry.delay_ms': attempt.retryDelayMs,
    ...(reason === undefined ? {} : { 'bridgekit.retry.reason': String(reason) }),
  };
}
