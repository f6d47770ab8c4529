import { createHttpError, type HttpError, isHttpError, ResponseFormatError } from '@bridgekit/errors';
import type { BodyVerdict } from '@bridgekit/http';

/** What is known of the exchange whose body is read. */
export interface ExchangeContext {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
}

function fieldsOf(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** Whether a parsed body is an Intend envelope that reports failure (see the Intend reference). */
export function isIntendFailureEnvelope(body: unknown): boolean {
  const fields = fieldsOf(body);
  if (fields === undefined) return false;
  const { status, response } = fields;
  return response === false || (typeof status === 'number' && (status < 200 || status > 299));
}

/** What to check when Intend refuses the credentials: the vendor documents neither the scheme nor the clock rule. */
const refusedCredentialsHint =
  'Check `apiKey` and `secretKey`, the signature scheme (Intend does not document it; see ' +
  'https://github.com/bridgekit/bridgekit/tree/main/packages/intend-signer#the-default-scheme-is-an-assumption) ' +
  'and the clock (the client corrects it once from the `Date` of a 401 past `clockTolerance`; `intend.signer.adjustClock(date)` sets it)';

/** What the server's `Date` says of the signer's clock, for the 401 hint. */
function clockNote(skewMs: number | undefined): string {
  if (skewMs === undefined) return '';
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  return `. The server's Date is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} the signer's clock: a timestamp that far off is refused`;
}

/**
The error an Intend failure describes: an error status, or a failure envelope over HTTP 200, whose
body `status` then wins (when it is an error status). The envelope's `msg` is the server message.
*/
export function intendHttpError(
  context: ExchangeContext & {
    readonly body: unknown;
    readonly cause?: unknown;
    /** How far the server's `Date` is ahead of the signer's clock, when that is large enough to matter. */
    readonly clockSkewMs?: number | undefined;
  },
): HttpError {
  const fields = fieldsOf(context.body);
  const envelopeStatus = fields?.['status'];
  const isOk = context.status >= 200 && context.status < 300;
  const status =
    isOk && typeof envelopeStatus === 'number' && envelopeStatus >= 400 ? envelopeStatus : context.status;
  const message = fields?.['msg'];
  return createHttpError({
    status,
    method: context.method,
    url: context.url,
    headers: context.headers,
    body: context.body,
    cause: context.cause,
    serverMessage: typeof message === 'string' && message.length > 0 ? message : undefined,
    hint: status === 401 ? refusedCredentialsHint + clockNote(context.clockSkewMs) : undefined,
  });
}

function describeText(text: string): string {
  if (text.trimStart().startsWith('<')) return 'an HTML page';
  return text.length === 0 ? 'an empty body' : 'text that is not JSON';
}

function whereOf({ method, url, status }: ExchangeContext) {
  return { method, url, status };
}

/**
Reads the documented envelope `{status, response, data, msg}` and returns `data`. A failure
envelope throws the mapped `HttpError` even over HTTP 200; a body that is not JSON, not an
envelope, or has no `data` throws `ResponseFormatError` naming what is wrong.
*/
export function unwrapEnvelope(text: string, context: ExchangeContext): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // No `cause`: the parser's message quotes the body, which may hold what the server echoed.
    throw new ResponseFormatError({
      ...whereOf(context),
      expected: 'a JSON Intend envelope',
      received: describeText(text),
    });
  }
  const fields = fieldsOf(body);
  if (fields === undefined) {
    throw new ResponseFormatError({
      ...whereOf(context),
      expected: 'a JSON object envelope `{status, response, data, msg}`',
      received: Array.isArray(body) ? 'an array' : `a ${typeof body}`,
    });
  }
  if (isIntendFailureEnvelope(fields)) throw intendHttpError({ ...context, body: fields });
  if (!('data' in fields)) {
    throw new ResponseFormatError({
      ...whereOf(context),
      field: 'data',
      expected: 'the envelope to carry `data`',
      received: 'no `data` field',
    });
  }
  return fields['data'];
}

/**
@internal Checks an answer's envelope, for `createCheckedFetch`: its `data`, or, for a failure
envelope over HTTP 200, the failure status it describes, so that ky's status-based retries apply
to it within the same `timeout` and retry budget.
*/
export function checkEnvelope(text: string, answer: ExchangeContext): BodyVerdict<unknown> {
  try {
    return { value: unwrapEnvelope(text, answer) };
  } catch (error) {
    if (isHttpError(error) && error.status >= 400 && error.status <= 599) {
      return { failureStatus: error.status, error };
    }
    throw error;
  }
}
