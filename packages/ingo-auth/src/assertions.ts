import { ConfigurationError } from '@bridgekit/errors';
import { callOptionKeys, checkSignal, objectOption, resolveDuration } from '@bridgekit/http';
import type { ClientAuthenticationMethod } from './client-authentication.js';
import type { IngoApi } from './ingo-environment.js';
import type { GetTokenOptions, TokenManagerOptions } from './token-manager-options.js';
import type { TokenSource } from './token-source.js';
import type { TokenStore } from './token-store.js';

// The package's small assert helpers, in one place (oauth4webapi's style): each names the option or
// argument and what it takes, and is called once where a value enters.

/** The options of a `getToken()` without any: one frozen object, so a call without options allocates nothing. */
export const noOptions: GetTokenOptions = Object.freeze({});

export function nonEmptyString(option: string, value: unknown, hint?: string): asserts value is string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ConfigurationError({ option, expected: 'a non-empty string', received: value, hint });
  }
}

/** `value`, when given, checked by {@link nonEmptyString}. */
export function optionalString(option: string, value: unknown): string | undefined {
  if (value !== undefined) nonEmptyString(option, value);
  return value;
}

export function checkFunctions(options: TokenManagerOptions): void {
  for (const name of ['now', 'random', 'onTokenFetched', 'onTokenError', 'onStoreError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ConfigurationError({ option: name, expected: 'a function', received: options[name] });
    }
  }
}

export function optionalDuration(option: string, value: unknown): number | undefined {
  return value === undefined ? undefined : resolveDuration(value, { option, fallback: 0, allowZero: true });
}

export function authMethodFrom(value: unknown): ClientAuthenticationMethod {
  if (value === undefined) return 'basic';
  if (value === 'basic' || value === 'body') return value;
  throw new ConfigurationError({ option: 'authMethod', expected: "'basic' or 'body'", received: value });
}

export function checkTokens(tokens: unknown): TokenSource {
  const source = tokens as Partial<TokenSource> | undefined;
  if (typeof source?.getToken !== 'function' || typeof source.invalidate !== 'function') {
    throw new ConfigurationError({
      option: 'tokens',
      expected: 'a token manager (createTokenManager(...)) or an object with getToken() and invalidate()',
      received: tokens,
    });
  }
  return source as TokenSource;
}

export function assertApiCall(api: IngoApi, url: string, body: unknown, callOptions: unknown): void {
  if (url === '') {
    throw new ConfigurationError({
      option: `endpoints.${api}`,
      expected: `the URL of the ${api} API`,
      hint: 'Ingo publishes none for this environment; ask Ingo client services and pass it in `endpoints`.',
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConfigurationError({
      option: 'request',
      expected: `the ${api} request object`,
      received: body,
    });
  }
  objectOption('options', callOptions as object | undefined, callOptionKeys);
}

/** A store shaped like a `TokenStore`: `get` and `set` at least; `lock` and `delete` when given. */
export function checkStore(store: unknown): TokenStore | undefined {
  if (store === undefined) return undefined;
  const candidate = store as Partial<Record<keyof TokenStore, unknown>> | null;
  // get and set are required, lock and delete optional.
  const valid = (['get', 'set', 'lock', 'delete'] as const).every(
    (name, index) =>
      typeof candidate?.[name] === 'function' || (index > 1 && candidate?.[name] === undefined),
  );
  if (!valid || typeof candidate !== 'object') {
    throw new ConfigurationError({
      option: 'store',
      expected: 'a TokenStore: an object with get() and set(), and optionally lock() and delete()',
      received: store,
    });
  }
  return store as TokenStore;
}

export function assertGetTokenOptions(call: unknown): GetTokenOptions {
  if (call === undefined) return noOptions;
  const { scope, signal, forceRefresh } = objectOption('options', call as GetTokenOptions, [
    'scope',
    'signal',
    'forceRefresh',
  ]);
  optionalString('scope', scope);
  checkSignal(signal);
  if (forceRefresh !== undefined && typeof forceRefresh !== 'boolean') {
    throw new ConfigurationError({ option: 'forceRefresh', expected: 'a boolean', received: forceRefresh });
  }
  return call as GetTokenOptions;
}
