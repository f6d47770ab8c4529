import {
  ConfigurationError,
  describeValue,
  NetworkError,
  ResponseFormatError,
  toBridgekitError,
} from '@bridgekit/errors';
import ky, { type AfterResponseHook, type BeforeRetryHook, type KyInstance, type RetryOptions } from 'ky';
import { authenticatedFetch, isTokenFailure } from './authenticated-fetch.js';
import type {
  CheckMakerScoreRequest,
  CheckMakerScoreResponse,
  DupexInquiryRequest,
  DupexInquiryResponse,
  IdentityScoreRequest,
  IdentityScoreResponse,
} from './ingo-api-types.js';
import type { IngoCallOptions, IngoClientOptions, IngoClientStats } from './ingo-client-options.js';
import {
  type IngoApi,
  type IngoEndpoints,
  ingoApiPaths,
  ingoApiUrls,
  isIngoEnvironment,
} from './ingo-environment.js';
import type { TokenSource } from './token-manager.js';
import type { Fetch } from './token-manager-options.js';
import { version } from './version.js';

/** What `createIngoClient` returns. */
export interface IngoClient {
  /** `POST /identity/score`: scores for an identity, email, phone, address, device and location. */
  identityScore(request: IdentityScoreRequest, options?: IngoCallOptions): Promise<IdentityScoreResponse>;
  /** `POST /check-maker/score`: the score of the account a check is drawn on. */
  checkMakerScore(
    request: CheckMakerScoreRequest,
    options?: IngoCallOptions,
  ): Promise<CheckMakerScoreResponse>;
  /** `POST /inquiry` on the duplicate exchange: whether another Ingo client accepted this check. */
  dupexInquiry(request: DupexInquiryRequest, options?: IngoCallOptions): Promise<DupexInquiryResponse>;
  /**
  The configured ky instance (Bearer token, 401 refresh, `apiVersion`, retries), for any other
  Ingo endpoint. Its tokens have the client's `scope`.
  */
  readonly ky: KyInstance;
  /** The URL each helper posts to (empty when unknown, as production dupex is). */
  readonly endpoints: IngoEndpoints;
  /** The token source in use. */
  readonly tokens: TokenSource;
  /** A snapshot of the counters; see {@link IngoClientStats}. */
  readonly stats: IngoClientStats;
}

const retryableStatuses = [408, 429, 500, 502, 503, 504];

function absoluteUrl(option: string, value: string | URL): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // Reported below.
  }
  throw new ConfigurationError({ option, expected: 'an absolute http(s) URL', received: value });
}

function resolveEndpoints(options: IngoClientOptions): IngoEndpoints {
  const { environment, baseUrl } = options;
  if (environment !== undefined && baseUrl !== undefined) {
    throw new ConfigurationError({
      option: 'baseUrl',
      expected: 'either `environment` or `baseUrl`, not both',
      received: baseUrl,
    });
  }
  let endpoints: Record<IngoApi, string>;
  if (baseUrl !== undefined) {
    const base = absoluteUrl('baseUrl', baseUrl);
    // A trailing slash, so that the API paths extend a proxy's path prefix instead of replacing it.
    if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
    base.search = '';
    base.hash = '';
    endpoints = {
      identityScore: new URL(ingoApiPaths.identityScore, base).href,
      checkMakerScore: new URL(ingoApiPaths.checkMakerScore, base).href,
      dupexInquiry: new URL(ingoApiPaths.dupexInquiry, base).href,
    };
  } else if (isIngoEnvironment(environment)) {
    endpoints = { ...ingoApiUrls[environment] };
  } else if (environment !== undefined || options.endpoints === undefined) {
    throw new ConfigurationError({
      option: 'environment',
      expected: "'uat' or 'production' (or pass `baseUrl`)",
      ...(environment === undefined ? {} : { received: environment }),
    });
  } else {
    endpoints = { identityScore: '', checkMakerScore: '', dupexInquiry: '' };
  }
  for (const [api, url] of Object.entries(options.endpoints ?? {})) {
    if (url !== undefined) endpoints[api as IngoApi] = absoluteUrl(`endpoints.${api}`, url).href;
  }
  return endpoints;
}

function retryOptions(retry: IngoClientOptions['retry']): RetryOptions {
  const defaults: RetryOptions = {
    limit: 2,
    // These APIs are read-only scoring inquiries: repeating a POST changes nothing.
    methods: ['get', 'post', 'head', 'options'],
    statusCodes: [...retryableStatuses],
    afterStatusCodes: [413, 429, 503],
    retryOnTimeout: true,
    jitter: true,
    shouldRetry: ({ error }) => (isTokenFailure(error) ? false : undefined),
  };
  if (retry === undefined) return defaults;
  if (typeof retry === 'number') {
    if (!Number.isInteger(retry) || retry < 0) {
      throw new ConfigurationError({
        option: 'retry',
        expected: 'a whole number of retries (0 disables), or ky retry options',
        received: retry,
      });
    }
    return { ...defaults, limit: retry };
  }
  const given = retry.shouldRetry;
  return {
    ...defaults,
    ...retry,
    // Token failures come after the token manager's own attempts: never retried again here, and
    // never shown to the caller's shouldRetry, which could not tell them from the API's.
    shouldRetry: (state) => (isTokenFailure(state.error) ? false : given?.(state)),
  };
}

/**
Creates a client for the Ingo risk APIs. Every request carries a Bearer token from `tokens` and
the `apiVersion` header; a 401 invalidates that token and sends the request once more with a
fresh one (not for `insufficient_scope`, nor a 403); API failures are retried with backoff, token
failures are not (the token manager retried them); problem details become `@bridgekit/errors`
classes that carry Ingo's `traceId`.

@example
```
import {createIngoClient, createTokenManager, ingoScopes} from '@bridgekit/ingo-auth';

const tokens = createTokenManager({environment: 'uat', clientId, clientSecret, scope: ingoScopes.identityScore});
const ingo = createIngoClient({tokens, environment: 'uat'});
const scores = await ingo.identityScore({emailAddress: 'jane@example.com'});
```
*/
export function createIngoClient(options: IngoClientOptions): IngoClient {
  const tokens = options.tokens;
  if (typeof tokens?.getToken !== 'function' || typeof tokens.invalidate !== 'function') {
    throw new ConfigurationError({
      option: 'tokens',
      expected: 'a token manager (createTokenManager(...)) or an object with getToken() and invalidate()',
      received: tokens,
    });
  }
  const endpoints = resolveEndpoints(options);
  const timeout = options.timeout ?? 30_000;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    throw new ConfigurationError({
      option: 'timeout',
      expected: 'a positive number of milliseconds',
      received: timeout,
    });
  }
  const apiVersion = options.apiVersion ?? '1';
  if (typeof apiVersion !== 'string' || apiVersion.trim() === '') {
    throw new ConfigurationError({
      option: 'apiVersion',
      expected: "a version string such as '1'",
      received: apiVersion,
    });
  }
  const baseFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const counters = { calls: 0, failures: 0, requests: 0, retries: 0, authenticationRetries: 0 };
  // The parsed body is read once, in the afterResponse hook, and handed to the caller through here.
  const bodies = new WeakMap<Response, unknown>();

  const readBody: AfterResponseHook = async ({ request, response, options: normalized }) => {
    if (!response.ok) return undefined;
    const where = { method: request.method, url: request.url, status: response.status };
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      const error = new NetworkError('The response body broke off before it was complete', {
        ...where,
        cause,
      });
      if (normalized.retry.methods.includes(request.method.toLowerCase())) {
        return ky.retry({ code: 'BODY_INCOMPLETE', cause: error });
      }
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ResponseFormatError({
        ...where,
        expected: 'a JSON body',
        received: `${text.length} characters that are not JSON`,
      });
    }
    const buffered = new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    bodies.set(buffered, data);
    return buffered;
  };
  const countRetry: BeforeRetryHook = () => {
    counters.retries += 1;
  };
  // A second guard, for a `shouldRetry` replaced through `ky.extend()`: a token failure stops
  // here instead of starting another round of token requests.
  const keepTokenFailures: BeforeRetryHook = ({ error }) => {
    if (isTokenFailure(error)) throw error;
  };

  const base = ky.create({
    timeout,
    retry: retryOptions(options.retry),
    fetch: authenticatedFetch(tokens, options.scope, baseFetch, counters),
    headers: {
      accept: 'application/json',
      apiVersion,
      'user-agent': options.userAgent ?? `bridgekit-ingo-auth/${version}`,
      ...options.headers,
    },
    hooks: {
      beforeRetry: [keepTokenFailures, countRetry, ...(options.hooks?.beforeRetry ?? [])],
      afterResponse: [readBody, ...(options.hooks?.afterResponse ?? [])],
      ...(options.hooks?.beforeRequest === undefined ? {} : { beforeRequest: options.hooks.beforeRequest }),
      ...(options.hooks?.beforeError === undefined ? {} : { beforeError: options.hooks.beforeError }),
      ...(options.hooks?.init === undefined ? {} : { init: options.hooks.init }),
    },
  });

  // One ky instance per scope, so that a helper's token carries the scope its API checks.
  const instances = new Map<string | undefined, KyInstance>([[options.scope, base]]);
  const instanceFor = (api: IngoApi): KyInstance => {
    const scope = options.scopes?.[api] ?? options.scope;
    let instance = instances.get(scope);
    if (!instance) {
      instance = base.extend({ fetch: authenticatedFetch(tokens, scope, baseFetch, counters) });
      instances.set(scope, instance);
    }
    return instance;
  };

  const call = async <T>(api: IngoApi, body: object, callOptions: IngoCallOptions = {}): Promise<T> => {
    counters.calls += 1;
    const url = endpoints[api];
    try {
      if (url === '') {
        throw new ConfigurationError({
          option: `endpoints.${api}`,
          expected: `the URL of the ${api} API`,
          hint: 'Ingo publishes none for this environment; ask Ingo client services and pass it in `endpoints`.',
        });
      }
      const response = await instanceFor(api)(url, {
        method: 'post',
        json: body,
        ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
      });
      const data = bodies.get(response);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new ResponseFormatError({
          method: 'POST',
          url,
          status: response.status,
          expected: 'a JSON object',
          received: describeValue(data),
        });
      }
      return data as T;
    } catch (error) {
      counters.failures += 1;
      throw toBridgekitError(error, {
        method: 'POST',
        url,
        timeout,
        signal: callOptions.signal,
        service: 'the Ingo API',
        reachHint: 'check `environment` or `baseUrl` and the network',
      });
    }
  };

  return {
    identityScore: (request, callOptions) =>
      call<IdentityScoreResponse>('identityScore', request, callOptions),
    checkMakerScore: (request, callOptions) =>
      call<CheckMakerScoreResponse>('checkMakerScore', request, callOptions),
    dupexInquiry: (request, callOptions) => call<DupexInquiryResponse>('dupexInquiry', request, callOptions),
    ky: base,
    endpoints: Object.freeze(endpoints),
    tokens,
    get stats(): IngoClientStats {
      return Object.freeze({ ...counters });
    },
  };
}
