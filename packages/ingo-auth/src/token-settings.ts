import {
  ConfigurationError,
  checkKnownKeys,
  revealSecretOption,
  Secret,
  SecretScrubber,
} from '@bridgekit/errors';
import {
  type Fetch,
  type Log,
  parseHttpUrl,
  resolveDuration,
  resolveFetch,
  resolveLog,
  resolveRetryOptions,
} from '@bridgekit/http';
import type { RetryOptions } from 'ky';
import { authMethodFrom, checkFunctions, nonEmptyString, optionalDuration } from './assertions.js';
import type { ClientAuthenticationMethod } from './client-authentication.js';
import { ingoTokenUrls, isIngoEnvironment } from './ingo-environment.js';
import { refreshDefaults } from './refresh-policy.js';
import type { TokenManagerOptions } from './token-manager-options.js';
import { version } from './version.js';

/** @internal The options of a token manager, checked and with defaults filled in. */
export interface TokenSettings {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly scope: string;
  readonly authMethod: ClientAuthenticationMethod;
  readonly refreshAhead: number | undefined;
  readonly refreshJitter: number | undefined;
  /** ky's retry options for one token request (`limit` retries after the first attempt). */
  readonly retry: RetryOptions & { readonly limit: number; readonly backoffLimit: number };
  /** After a failed token request, how long the next one waits (doubling per failure). */
  readonly cooldown: number;
  readonly timeout: number;
  readonly storeTimeout: number;
  readonly storeCheckInterval: number;
  readonly fetch: Fetch;
  readonly now: () => number;
  readonly random: () => number;
  readonly userAgent: string;
  /** The client secret, its Basic forms and every token received: scrubbed from every error. */
  readonly scrubber: SecretScrubber;
  /** `info`: tokens fetched and read, refreshes ahead, store outages; `debug`: each attempt. */
  readonly log: Log;
}

function tokenUrlFrom(options: TokenManagerOptions): string {
  const { environment, tokenUrl } = options;
  if (environment !== undefined && tokenUrl !== undefined) {
    throw new ConfigurationError({
      option: 'tokenUrl',
      expected: 'either `environment` or `tokenUrl`, not both',
    });
  }
  if (tokenUrl !== undefined)
    return parseHttpUrl(tokenUrl, { option: 'tokenUrl', allowInsecure: options.allowInsecureRequests }).href;
  if (isIngoEnvironment(environment)) return ingoTokenUrls[environment];
  throw new ConfigurationError({
    option: 'environment',
    expected: "'uat' or 'production' (or pass `tokenUrl`)",
    ...(environment === undefined ? {} : { received: environment }),
  });
}

/** `retry.cooldown` is bridgekit's own; the rest is ky's. */
function splitCooldown(retry: TokenManagerOptions['retry']): { cooldown: unknown; kyRetry: unknown } {
  if (typeof retry !== 'object' || retry === null || Array.isArray(retry))
    return { cooldown: undefined, kyRetry: retry };
  const { cooldown, ...kyRetry } = retry;
  return { cooldown, kyRetry };
}

function retryFrom(given: unknown, random: () => number): TokenSettings['retry'] {
  const retry = resolveRetryOptions(given, {
    limit: 2,
    // A token request changes nothing on the server: repeating the POST is safe.
    methods: ['post'],
    delay: (attempt) => 200 * 2 ** (attempt - 1),
    jitter: (delay) => random() * delay,
    backoffLimit: 5000,
  });
  const backoffLimit = retry.backoffLimit ?? 5000;
  // A `Retry-After` is honoured up to the longest backoff, so one slow server cannot park every caller.
  return { maxRetryAfter: backoffLimit, ...retry, methods: ['post'], limit: retry.limit ?? 2, backoffLimit };
}

function secretFrom(value: unknown): Secret {
  const text = revealSecretOption(value, 'clientSecret');
  return value instanceof Secret ? value : new Secret(text);
}

/** @internal Checks the options; every message names the option and never repeats a secret. */
export function resolveTokenSettings(options: TokenManagerOptions): TokenSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({ option: 'options', expected: 'an object', received: options });
  }
  // prettier-ignore
  checkKnownKeys(options, [
    'environment',
    'tokenUrl',
    'clientId',
    'clientSecret',
    'scope',
    'authMethod',
    'refreshAhead',
    'refreshJitter',
    'retry',
    'timeout',
    'fetch',
    'now',
    'random',
    'store',
    'storeTimeout',
    'storeCheckInterval',
    'onStoreError',
    'userAgent',
    'onTokenFetched',
    'onTokenError',
    'allowInsecureRequests',
    'logger',
    'logLevel',
  ]);
  const tokenUrl = tokenUrlFrom(options);
  nonEmptyString('clientId', options.clientId);
  const clientSecret = secretFrom(options.clientSecret);
  nonEmptyString('scope', options.scope, 'Ingo issues tokens per API scope, e.g. ingoScopes.identityScore.');
  checkFunctions(options);
  const timeout = resolveDuration(options.timeout, { option: 'timeout', fallback: 30_000 });
  const random = options.random ?? Math.random;
  const { cooldown, kyRetry } = splitCooldown(options.retry);
  return {
    tokenUrl,
    clientId: options.clientId,
    clientSecret,
    scope: options.scope,
    authMethod: authMethodFrom(options.authMethod),
    refreshAhead: optionalDuration('refreshAhead', options.refreshAhead),
    refreshJitter: optionalDuration('refreshJitter', options.refreshJitter),
    retry: retryFrom(kyRetry, random),
    cooldown: resolveDuration(cooldown, {
      option: 'retry.cooldown',
      fallback: refreshDefaults.cooldown,
      allowZero: true,
    }),
    timeout,
    storeTimeout: resolveDuration(options.storeTimeout, {
      option: 'storeTimeout',
      fallback: Math.min(1000, timeout),
    }),
    storeCheckInterval: resolveDuration(options.storeCheckInterval, {
      option: 'storeCheckInterval',
      fallback: 1000,
      allowZero: true,
    }),
    fetch: resolveFetch(options.fetch),
    now: options.now ?? Date.now,
    random,
    userAgent: options.userAgent ?? `bridgekit-ingo-auth/${version}`,
    scrubber: new SecretScrubber().addPair(options.clientId, clientSecret),
    log: resolveLog(options),
  };
}
