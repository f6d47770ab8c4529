import { ConfigurationError, checkKnownKeys, SecretScrubber } from '@bridgekit/errors';
import {
  type BodyLimit,
  checkHeader,
  checkHeaders,
  checkStringRecord,
  type Fetch,
  isTokenFailure,
  type Log,
  resolveBodyLimit,
  resolveDuration,
  resolveFetch,
  resolveLog,
  resolveRetryOptions,
} from '@bridgekit/http';
import type { RetryOptions } from 'ky';
import { checkTokens, optionalString } from './assertions.js';
import type { IngoClientOptions } from './ingo-client-options.js';
import { resolveEndpoints } from './ingo-endpoints.js';
import type { IngoApi, IngoEndpoints } from './ingo-environment.js';
import type { TokenSource } from './token-source.js';
import { version } from './version.js';

/** @internal The options of an Ingo client, checked once, with defaults filled in. */
export interface IngoClientSettings {
  readonly tokens: TokenSource;
  readonly endpoints: IngoEndpoints;
  readonly timeout: number;
  readonly retry: RetryOptions;
  readonly fetch: Fetch;
  readonly headers: Readonly<Record<string, string>>;
  readonly scope: string | undefined;
  readonly scopes: Partial<Readonly<Record<IngoApi, string>>>;
  readonly hooks: unknown;
  readonly maxResponseBytes: BodyLimit;
  /** The access tokens this client sent: scrubbed from every error it throws. */
  readonly scrubber: SecretScrubber;
  readonly log: Log;
}

function retryFrom(retry: unknown, timeout: number): RetryOptions {
  return resolveRetryOptions(
    retry,
    {
      limit: 2,
      // A `Retry-After: 99999999` must not park a call for years, nor a long backoff hold a
      // closed client's process (see sendCall): wait at most one timeout.
      maxRetryAfter: timeout,
      backoffLimit: timeout,
      // These APIs are read-only scoring inquiries: repeating a POST changes nothing.
      methods: ['get', 'post', 'head', 'options'],
      jitter: true,
    },
    // Token failures come after the token manager's own attempts: never retried again here, and
    // never shown to the caller's shouldRetry, which could not tell them from the API's.
    ({ error }) => (isTokenFailure(error) ? false : undefined),
  );
}

/** @internal Checks every option once; each message names the option. */
export function resolveIngoClientOptions(options: IngoClientOptions): IngoClientSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: 'an object with `tokens` and `environment` or `baseUrl`',
      received: options,
    });
  }
  // prettier-ignore
  checkKnownKeys(options, [
    'tokens',
    'environment',
    'baseUrl',
    'endpoints',
    'apiVersion',
    'scope',
    'scopes',
    'fetch',
    'timeout',
    'retry',
    'headers',
    'hooks',
    'userAgent',
    'allowInsecureRequests',
    'maxResponseBytes',
    'logger',
    'logLevel',
  ]);
  const apiVersion = optionalString('apiVersion', options.apiVersion) ?? '1';
  const userAgent = optionalString('userAgent', options.userAgent) ?? `bridgekit-ingo-auth/${version}`;
  checkHeader('apiVersion', apiVersion, 'apiVersion');
  checkHeader('user-agent', userAgent, 'userAgent');
  const scopes = checkStringRecord(options.scopes, 'scopes');
  const timeout = resolveDuration(options.timeout, { option: 'timeout', fallback: 30_000 });
  return {
    tokens: checkTokens(options.tokens),
    endpoints: resolveEndpoints(options),
    timeout,
    retry: retryFrom(options.retry, timeout),
    fetch: resolveFetch(options.fetch),
    headers: {
      accept: 'application/json',
      apiVersion,
      'user-agent': userAgent,
      ...checkHeaders(options.headers),
    },
    scope: optionalString('scope', options.scope),
    scopes,
    hooks: options.hooks,
    maxResponseBytes: resolveBodyLimit(options.maxResponseBytes),
    scrubber: new SecretScrubber(),
    log: resolveLog(options),
  };
}
