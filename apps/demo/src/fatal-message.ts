import {
  type BridgekitError,
  isAuthenticationError,
  isBridgekitError,
  isHttpError,
  isNetworkError,
  isOAuthError,
} from '@bridgekit/errors';
import { type DemoService, type ServiceUrls, serviceOf } from './demo-endpoints.js';

/** What a fatal message needs to know about the run. */
export interface FailureContext {
  readonly mode: 'sandbox' | 'live';
  /** Unknown when the run failed before its endpoints were resolved. */
  readonly services: ServiceUrls | undefined;
}

const serviceNames: Readonly<Record<DemoService, string>> = {
  intend: 'the Intend API',
  ingoToken: 'the Ingo token endpoint',
  ingoApi: 'the Ingo API',
};

/** The sentence for a 401, per service: who refused, then the variables to check. */
const refusals: Readonly<Record<DemoService, (status: number) => string>> = {
  intend: (status) =>
    `The Intend API refused the credentials (HTTP ${status}). Check INTEND_API_KEY, INTEND_SECRET_KEY, INTEND_SIGNATURE_SCHEME and this machine's clock.`,
  ingoToken: (status) =>
    `The Ingo token endpoint refused the client credentials (HTTP ${status}). Check INGO_CLIENT_ID, INGO_CLIENT_SECRET, INGO_AUTH_METHOD, and INGO_TOKEN_URL or INGO_ENVIRONMENT.`,
  ingoApi: (status) =>
    `The Ingo API refused the access token (HTTP ${status}). Check that INGO_API_URL (or INGO_ENVIRONMENT) is the API of the environment INGO_TOKEN_URL issues tokens for, and INGO_SCOPE.`,
};

function serviceOfError(error: BridgekitError, context: FailureContext): DemoService | undefined {
  const url = 'url' in error && typeof error.url === 'string' ? error.url : undefined;
  return context.services === undefined ? undefined : serviceOf(url, context.services);
}

/** What failed, from the error's fields: the service and status for HTTP errors, else the message. */
function failureDetail(error: BridgekitError, context: FailureContext): string {
  if (isHttpError(error)) {
    const service = serviceOfError(error, context);
    const who = service === undefined ? 'the server' : serviceNames[service];
    return `${who} answered HTTP ${error.status}`;
  }
  // A listing failure's message also tells how to resume the listing; the demo says that itself.
  return error.checkpoint === undefined ? error.message : error.code;
}

/** One sentence saying what went wrong, then the fix. */
export function fatalMessage(error: unknown, context: FailureContext): string {
  if (!isBridgekitError(error)) return `The run stopped: ${String(error)}`;
  if (isAuthenticationError(error)) {
    const service = serviceOfError(error, context);
    return service === undefined
      ? `A server refused the credentials (HTTP ${error.status}). Check the INTEND_* and INGO_* variables.`
      : refusals[service](error.status);
  }
  if (isOAuthError(error)) {
    return `The Ingo token endpoint refused the token request (${error.error}). Check INGO_CLIENT_ID, INGO_CLIENT_SECRET, INGO_SCOPE and INGO_AUTH_METHOD.`;
  }
  if (isNetworkError(error)) {
    const host = error.url ? new URL(error.url).host : 'the API';
    return context.mode === 'live'
      ? `Could not reach ${host}. Check INTEND_BASE_URL, INGO_TOKEN_URL or INGO_API_URL, and the network.`
      : `Could not reach the embedded sandbox at ${host}. Check that this machine allows connections on 127.0.0.1.`;
  }
  const where =
    error.checkpoint === undefined
      ? ''
      : ` while listing Intend clients at page ${error.checkpoint.page} (${error.itemsYielded ?? 0} listed before)`;
  const detail = failureDetail(error, context);
  return `The run stopped${where}: ${detail}${detail.endsWith('.') ? '' : '.'}`;
}
