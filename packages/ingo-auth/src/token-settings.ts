import { ConfigurationError, Secret } from '@bridgekit/errors';
import type { ClientAuthenticationMethod } from './client-authentication.js';
import { ingoTokenUrls, isIngoEnvironment } from './ingo-environment.js';
import type { Fetch, TokenManagerOptions, TokenRetryOptions } from './token-manager-options.js';
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
  readonly retry: Required<TokenRetryOptions>;
  readonly timeout: number;
  readonly storeTimeout: number;
  readonly fetch: Fetch;
  readonly now: () => number;
  readonly random: () => number;
  readonly userAgent: string;
}

const nonNegative = 'a finite number of milliseconds, zero or more';

function checkMilliseconds(option: string, value: number | undefined, positive = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new ConfigurationError({
      option,
      expected: positive ? 'a positive number of milliseconds' : nonNegative,
      received: value,
    });
  }
}

function nonEmptyString(option: string, value: unknown, hint?: string): asserts value is string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ConfigurationError({ option, expected: 'a non-empty string', received: value, hint });
  }
}

function tokenUrlFrom(options: TokenManagerOptions): string {
  const { environment, tokenUrl } = options;
  if (environment !== undefined && tokenUrl !== undefined) {
    throw new ConfigurationError({
      option: 'tokenUrl',
      expected: 'either `environment` or `tokenUrl`, not both',
      received: tokenUrl,
    });
  }
  if (tokenUrl === undefined) {
    if (isIngoEnvironment(environment)) return ingoTokenUrls[environment];
    throw new ConfigurationError({
      option: 'environment',
      expected: "'uat' or 'production' (or pass `tokenUrl`)",
      ...(environment === undefined ? {} : { received: environment }),
    });
  }
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    // No `cause`: Node puts the raw input on the TypeError, and the URL may carry a secret in its
    // user info, which `inspect` would then print.
    throw new ConfigurationError({
      option: 'tokenUrl',
      expected: 'an absolute http(s) URL',
      received: tokenUrl,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError({
      option: 'tokenUrl',
      expected: 'an absolute http(s) URL',
      received: tokenUrl,
    });
  }
  if (url.username || url.password) {
    throw new ConfigurationError({
      option: 'tokenUrl',
      expected: 'a URL without user info',
      hint: 'Pass the credentials as `clientId` and `clientSecret`; they never belong in a URL.',
    });
  }
  return url.href;
}

function retryFrom(retry: TokenManagerOptions['retry']): Required<TokenRetryOptions> {
  const given: TokenRetryOptions = typeof retry === 'number' ? { attempts: retry } : (retry ?? {});
  const settings = {
    attempts: given.attempts ?? 3,
    backoff: given.backoff ?? 200,
    maxBackoff: given.maxBackoff ?? 5000,
    cooldown: given.cooldown ?? 1000,
  };
  if (!Number.isInteger(settings.attempts) || settings.attempts < 1) {
    throw new ConfigurationError({
      option: typeof retry === 'number' ? 'retry' : 'retry.attempts',
      expected: 'a whole number of attempts, 1 or more (1 disables retries)',
      received: settings.attempts,
    });
  }
  checkMilliseconds('retry.backoff', settings.backoff);
  checkMilliseconds('retry.maxBackoff', settings.maxBackoff);
  checkMilliseconds('retry.cooldown', settings.cooldown);
  return settings;
}

// Duck-typed rather than `instanceof`, so a Secret from another copy of @bridgekit/errors works too.
function secretFrom(value: unknown): Secret {
  const revealed =
    typeof value === 'object' && value !== null && typeof (value as Secret).reveal === 'function'
      ? (value as Secret).reveal()
      : value;
  if (typeof revealed !== 'string' || revealed.length === 0) {
    throw new ConfigurationError({
      option: 'clientSecret',
      expected: 'a non-empty string or Secret',
      received: revealed,
    });
  }
  return value instanceof Secret ? value : new Secret(revealed);
}

/** @internal Checks the options; every message names the option and never repeats a secret. */
export function resolveTokenSettings(options: TokenManagerOptions): TokenSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError({ option: 'options', expected: 'an object', received: options });
  }
  const tokenUrl = tokenUrlFrom(options);
  nonEmptyString('clientId', options.clientId);
  const clientSecret = secretFrom(options.clientSecret);
  nonEmptyString('scope', options.scope, 'Ingo issues tokens per API scope, e.g. ingoScopes.identityScore.');
  const authMethod = options.authMethod ?? 'basic';
  if (authMethod !== 'basic' && authMethod !== 'body') {
    throw new ConfigurationError({
      option: 'authMethod',
      expected: "'basic' or 'body'",
      received: authMethod,
    });
  }
  checkMilliseconds('refreshAhead', options.refreshAhead);
  checkMilliseconds('refreshJitter', options.refreshJitter);
  checkMilliseconds('timeout', options.timeout, true);
  checkMilliseconds('storeTimeout', options.storeTimeout, true);
  for (const name of ['fetch', 'now', 'random', 'onTokenFetched', 'onTokenError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ConfigurationError({ option: name, expected: 'a function', received: options[name] });
    }
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError({
      option: 'fetch',
      expected: 'a fetch function (this runtime has no global fetch)',
    });
  }
  // Looked up per call, so that instrumentation which patches the global fetch later still sees it.
  const fetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeout = options.timeout ?? 30_000;
  return {
    tokenUrl,
    clientId: options.clientId,
    clientSecret,
    scope: options.scope,
    authMethod,
    refreshAhead: options.refreshAhead,
    refreshJitter: options.refreshJitter,
    retry: retryFrom(options.retry),
    timeout,
    storeTimeout: options.storeTimeout ?? Math.min(1000, timeout),
    fetch,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? `bridgekit-ingo-auth/${version}`,
  };
}
