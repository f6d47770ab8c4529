import {
  ConfigurationError,
  isBridgekitError,
  isHttpError,
  NetworkError,
  toBridgekitError,
} from '@bridgekit/errors';
import { createIntendSigner, type IntendSigner, intendAuth } from '@bridgekit/intend-signer';
import ky, { type KyInstance, type RetryOptions } from 'ky';
import { unwrapEnvelope } from './envelope.js';
import { type IntendClientOptions, idempotentMethods, retryableStatuses } from './intend-client-options.js';
import type { QueryParameters } from './paginator.js';
import { version } from './version.js';

/** Per-call options of `request()`. */
export interface IntendRequestOptions {
  readonly query?: QueryParameters;
  /** A JSON body. */
  readonly json?: unknown;
  readonly signal?: AbortSignal;
}

/** Sends one signed request and returns the envelope's `data`. */
export type IntendRequester = <T = unknown>(
  method: string,
  path: string,
  options?: IntendRequestOptions,
) => Promise<T>;

// The envelope is read once, in the afterResponse hook, and handed to the caller through here.
const envelopeData = new WeakMap<Response, unknown>();

function validUrl(baseUrl: string | URL): URL {
  try {
    const url = new URL(baseUrl);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      // A trailing slash, so that `api/clients` extends a tenant path prefix instead of replacing it.
      if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
      url.search = '';
      url.hash = '';
      return url;
    }
  } catch {
    // Reported below.
  }
  throw new ConfigurationError({
    option: 'baseUrl',
    expected: "your tenant's absolute http(s) URL, such as 'https://acme.intend.com'",
    received: baseUrl,
  });
}

function signerFrom(options: IntendClientOptions): IntendSigner {
  if (options.signer) return options.signer;
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

function retryOptions(retry: IntendClientOptions['retry'], timeout: number): RetryOptions {
  const defaults: RetryOptions = {
    limit: 2,
    methods: [...idempotentMethods],
    statusCodes: [...retryableStatuses],
    afterStatusCodes: [413, 429, 503],
    retryOnTimeout: true,
    jitter: true,
    // A `Retry-After: 3600` must not park a request for an hour: wait at most one timeout.
    maxRetryAfter: timeout,
    // Failures raised by the envelope check (a broken body) retry as their `retryable` says.
    shouldRetry: ({ error }) => (isBridgekitError(error) ? error.retryable : undefined),
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
  return { ...defaults, ...retry };
}

/** @internal Builds the ky instance and the envelope-aware request function. */
export function createRequester(options: IntendClientOptions): {
  request: IntendRequester;
  ky: KyInstance;
  signer: IntendSigner;
} {
  const baseUrl = validUrl(options.baseUrl);
  const signer = signerFrom(options);
  const timeout = options.timeout ?? 30_000;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new ConfigurationError({
      option: 'timeout',
      expected: 'a positive number of milliseconds',
      received: timeout,
    });
  }
  const sign = intendAuth(signer);
  const baseFetch = options.fetch ?? globalThis.fetch;
  // The envelope is checked inside ky's retry loop, as part of the fetch ky retries: a body that
  // breaks off, or a failure envelope over HTTP 200, is then retried (or not) like any other
  // failure, within the same `timeout` and retry budget, and without an afterResponse clone.
  const envelopeFetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const response = await baseFetch(request);
    if (!response.ok) return response;
    const context = {
      method: request.method,
      url: request.url,
      status: response.status,
      headers: response.headers,
    };
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      // The caller's abort also breaks the body: report it as the abort, never as a retryable failure.
      if (request.signal.aborted) throw request.signal.reason ?? cause;
      throw new NetworkError('The response body broke off before it was complete', { ...context, cause });
    }
    const init200 = { status: response.status, statusText: response.statusText, headers: response.headers };
    let data: unknown;
    try {
      data = unwrapEnvelope(text, context);
    } catch (error) {
      // A failure envelope becomes the HTTP failure it describes, so ky's status-based retries apply.
      if (isHttpError(error) && error.status >= 400 && error.status <= 599) {
        return new Response(text, { status: error.status, headers: response.headers });
      }
      throw error;
    }
    const buffered = new Response(text, init200);
    envelopeData.set(buffered, data);
    return buffered;
  };

  const instance = ky.create({
    baseUrl,
    timeout,
    retry: retryOptions(options.retry, timeout),
    fetch: envelopeFetch,
    headers: {
      accept: 'application/json',
      'user-agent': options.userAgent ?? `bridgekit-intend-client/${version}`,
      ...options.headers,
    },
    hooks: {
      beforeRequest: [sign, ...(options.hooks?.beforeRequest ?? [])],
      // A retry may come seconds later (backoff, Retry-After): sign it again with a fresh timestamp.
      beforeRetry: [
        (state) => sign({ request: state.request, options: state.options, retryCount: 0 }),
        ...(options.hooks?.beforeRetry ?? []),
      ],
      ...(options.hooks?.afterResponse === undefined ? {} : { afterResponse: options.hooks.afterResponse }),
      ...(options.hooks?.beforeError === undefined ? {} : { beforeError: options.hooks.beforeError }),
      ...(options.hooks?.init === undefined ? {} : { init: options.hooks.init }),
    },
  });

  const request: IntendRequester = async <T>(
    method: string,
    path: string,
    call: IntendRequestOptions = {},
  ) => {
    const searchParams: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) searchParams[name] = String(value);
    const relativePath = path.replace(/^\/+/, '');
    const url = new URL(relativePath, baseUrl);
    for (const [name, value] of Object.entries(searchParams)) url.searchParams.set(name, value);
    try {
      const response = await instance(relativePath, {
        method,
        searchParams,
        ...(call.json === undefined ? {} : { json: call.json }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
      });
      if (envelopeData.has(response)) return envelopeData.get(response) as T;
      // A user's afterResponse hook replaced the response: read the envelope from it again.
      return unwrapEnvelope(await response.text(), {
        method: method.toUpperCase(),
        url: url.href,
        status: response.status,
        headers: response.headers,
      }) as T;
    } catch (error) {
      throw toBridgekitError(error, {
        method: method.toUpperCase(),
        url: url.href,
        timeout,
        signal: call.signal,
        service: 'the Intend API',
        reachHint: 'check `baseUrl` and the network',
      });
    }
  };
  return { request, ky: instance, signer };
}
