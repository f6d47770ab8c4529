import { toBridgekitError, withUserHooks } from '@bridgekit/http';
import { type IntendSigner, intendAuth } from '@bridgekit/intend-signer';
import ky, { type KyInstance } from 'ky';
import { checkCallOptions, type IntendRequestOptions } from './call-options.js';
import { intendHttpError, unwrapEnvelope } from './envelope.js';
import { createEnvelopeFetch, type EnvelopeFetch } from './envelope-fetch.js';
import type { IntendClientOptions } from './intend-client-options.js';
import type { QueryParameters } from './paginate-options.js';
import { type ClientSettings, resolveClientOptions } from './resolve-client-options.js';

/** Sends one signed request and returns the envelope's `data`. */
export type IntendRequester = <T = unknown>(
  method: string,
  path: string,
  options?: IntendRequestOptions,
) => Promise<T>;

function createInstance(settings: ClientSettings, envelope: EnvelopeFetch): KyInstance {
  const sign = intendAuth(settings.signer);
  const instance = ky.create({
    baseUrl: settings.baseUrl,
    timeout: settings.timeout,
    retry: settings.retry,
    fetch: envelope.fetch,
    headers: settings.headers,
    hooks: {
      beforeRequest: [sign],
      // A retry may come seconds later (backoff, Retry-After): sign it again with a fresh timestamp.
      beforeRetry: [(state) => sign({ request: state.request })],
    },
  });
  return withUserHooks(instance, settings.hooks);
}

function searchParametersOf(query: QueryParameters | undefined): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) parameters[name] = String(value);
  return parameters;
}

/** @internal Builds the ky instance and the envelope-aware request function. */
export function createRequester(options: IntendClientOptions): {
  readonly request: IntendRequester;
  readonly ky: KyInstance;
  readonly signer: IntendSigner;
  readonly settings: ClientSettings;
} {
  const settings = resolveClientOptions(options);
  const envelope = createEnvelopeFetch(settings.fetch);
  const instance = createInstance(settings, envelope);
  const request: IntendRequester = async <T>(
    method: string,
    path: string,
    options?: IntendRequestOptions,
  ) => {
    const call = checkCallOptions(options);
    const searchParams = searchParametersOf(call.query);
    const relativePath = path.replace(/^\/+/, '');
    const url = new URL(relativePath, settings.baseUrl);
    url.search = new URLSearchParams(searchParams).toString();
    const where = { method: method.toUpperCase(), url: url.href };
    try {
      const response = await instance(relativePath, {
        method,
        searchParams,
        ...(call.json === undefined ? {} : { json: call.json }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
      });
      const checked = envelope.dataOf(response);
      if (checked) return checked.data as T;
      // A user's afterResponse hook replaced the response: read the envelope from it again.
      const context = { ...where, status: response.status, headers: response.headers };
      return unwrapEnvelope(await response.text(), context) as T;
    } catch (error) {
      throw toBridgekitError(error, {
        ...where,
        timeout: settings.timeout,
        signal: call.signal,
        service: 'the Intend API',
        reachHint: 'check `baseUrl` and the network',
        mapHttpError: (response, body, cause) =>
          intendHttpError({ ...where, status: response.status, headers: response.headers, body, cause }),
      });
    }
  };
  return { request, ky: instance, signer: settings.signer, settings };
}
