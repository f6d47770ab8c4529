import { ConfigurationError, checkKnownKeys, isBridgekitError, SecretScrubber } from '@bridgekit/errors';
import {
  type BodyLimit,
  checkHeader,
  checkHeaders,
  checkStringRecord,
  type Fetch,
  type Log,
  resolveBaseUrl,
  resolveBodyLimit,
  resolveDuration,
  resolveFetch,
  resolveLog,
  resolveRetryOptions,
} from '@bridgekit/http';
import { createIntendSigner, type IntendSigner } from '@bridgekit/intend-signer';
import type { RetryOptions } from 'ky';
import { defaultPaths, type IntendClientOptions, type IntendPaths } from './intend-client-options.js';
import { version } from './version.js';

/** @internal The client's options, checked once, with defaults filled in. */
export interface ClientSettings {
  readonly baseUrl: URL;
  readonly signer: IntendSigner;
  readonly timeout: number;
  readonly retry: RetryOptions;
  readonly fetch: Fetch;
  readonly headers: Readonly<Record<string, string>>;
  /** How far the server's `Date` may be from the signer's clock before a 401 corrects the clock. */
  readonly clockTolerance: number;
  readonly paths: IntendPaths;
  readonly hooks: unknown;
  readonly maxResponseBytes: BodyLimit;
  /** The credentials this client knows, scrubbed from every error it throws. */
  readonly scrubber: SecretScrubber;
  readonly log: Log;
}

function signerFrom(options: IntendClientOptions): IntendSigner {
  if (options.signer !== undefined) {
    if (typeof options.signer?.sign !== 'function') {
      throw new ConfigurationError({
        option: 'signer',
        expected: 'a signer from createIntendSigner()',
        received: options.signer,
      });
    }
    return options.signer;
  }
  if (options.apiKey === undefined || options.secretKey === undefined) {
    throw new ConfigurationError({
      option: options.apiKey === undefined ? 'apiKey' : 'secretKey',
      expected: 'a non-empty string (or pass a ready `signer`)',
      received: undefined,
    });
  }
  return createIntendSigner({
    apiKey: options.apiKey,
    secretKey: options.secretKey,
    ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
  });
}

function pathsFrom(value: unknown): IntendPaths {
  const given = checkStringRecord(value, 'paths');
  for (const [name, path] of Object.entries(given)) {
    if (!(name in defaultPaths)) {
      throw new ConfigurationError({
        option: `paths.${name}`,
        expected: `one of ${Object.keys(defaultPaths).join(', ')}`,
      });
    }
    if (path.trim() === '')
      throw new ConfigurationError({
        option: `paths.${name}`,
        expected: 'a path such as /api/clients',
        received: path,
      });
  }
  return { ...defaultPaths, ...given };
}

/** Every option of `createIntendClient`: any other key is a typo. */
const optionKeys = [
  'baseUrl',
  'apiKey',
  'secretKey',
  'scheme',
  'signer',
  'fetch',
  'timeout',
  'retry',
  'headers',
  'hooks',
  'userAgent',
  'paths',
  'allowInsecureRequests',
  'maxResponseBytes',
  'clockTolerance',
  'logger',
  'logLevel',
] as const;

const idempotentMethods: NonNullable<RetryOptions['methods']> = ['get', 'head', 'options', 'put', 'delete'];

/** @internal Checks every option once; each message names the option and never repeats a secret. */
export function resolveClientOptions(options: IntendClientOptions): ClientSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({
      option: 'options',
      expected: 'an object with `baseUrl`, `apiKey` and `secretKey`',
      received: options,
    });
  }
  checkKnownKeys(options, optionKeys);
  const baseUrl = resolveBaseUrl(options.baseUrl, {
    option: 'baseUrl',
    expected: "your tenant's absolute http(s) URL, such as 'https://acme.intend.com'",
    allowInsecure: options.allowInsecureRequests,
  });
  const timeout = resolveDuration(options.timeout, { option: 'timeout', fallback: 30_000 });
  const retry = resolveRetryOptions(options.retry, {
    limit: 2,
    methods: idempotentMethods,
    jitter: true,
    // A `Retry-After: 3600` must not park a request for an hour, nor a long backoff hold a
    // closed client's process (see sendCall): wait at most one timeout.
    maxRetryAfter: timeout,
    backoffLimit: timeout,
    // Failures raised by the envelope check (a broken body) retry as their `retryable` says.
    shouldRetry: ({ error }) => (isBridgekitError(error) ? error.retryable : undefined),
  });
  const userAgent = options.userAgent ?? `bridgekit-intend-client/${version}`;
  if (typeof userAgent !== 'string')
    throw new ConfigurationError({ option: 'userAgent', expected: 'a string', received: userAgent });
  checkHeader('user-agent', userAgent, 'userAgent');
  const headers = {
    accept: 'application/json',
    'user-agent': userAgent,
    ...checkHeaders(options.headers),
  };
  return {
    baseUrl,
    signer: signerFrom(options),
    timeout,
    retry,
    fetch: resolveFetch(options.fetch),
    headers,
    clockTolerance: resolveDuration(options.clockTolerance, { option: 'clockTolerance', fallback: 30_000 }),
    paths: pathsFrom(options.paths),
    hooks: options.hooks,
    maxResponseBytes: resolveBodyLimit(options.maxResponseBytes),
    // A signer given ready-made keeps its key to itself: then only the name patterns apply.
    scrubber: new SecretScrubber().add(options.secretKey).add(options.apiKey),
    log: resolveLog(options),
  };
}
