import { ConfigurationError } from '@bridgekit/errors';
import { objectOption, parseHttpUrl, resolveBaseUrl } from '@bridgekit/http';
import type { IngoClientOptions } from './ingo-client-options.js';
import {
  type IngoApi,
  type IngoEndpoints,
  ingoApiPaths,
  ingoApiUrls,
  isIngoEnvironment,
} from './ingo-environment.js';

function fromBaseUrl(baseUrl: unknown, allowInsecure: unknown): Record<IngoApi, string> {
  const base = resolveBaseUrl(baseUrl, { option: 'baseUrl', allowInsecure });
  return {
    identityScore: new URL(ingoApiPaths.identityScore, base).href,
    checkMakerScore: new URL(ingoApiPaths.checkMakerScore, base).href,
    dupexInquiry: new URL(ingoApiPaths.dupexInquiry, base).href,
  };
}

function overrides(endpoints: unknown, allowInsecure: unknown): [IngoApi, string][] {
  const result: [IngoApi, string][] = [];
  const given = objectOption('endpoints', endpoints as object | undefined, Object.keys(ingoApiPaths));
  for (const [api, url] of Object.entries(given)) {
    if (url !== undefined)
      result.push([api as IngoApi, parseHttpUrl(url, { option: `endpoints.${api}`, allowInsecure }).href]);
  }
  return result;
}

/**
@internal The URL each helper posts to: Ingo's documented ones for an `environment`, or paths
below one `baseUrl`, with per-API `endpoints` winning over both. Empty where none is known
(production dupex, which Ingo does not publish).
*/
export function resolveEndpoints(options: IngoClientOptions): IngoEndpoints {
  const { environment, baseUrl } = options;
  if (environment !== undefined && baseUrl !== undefined) {
    throw new ConfigurationError({
      option: 'baseUrl',
      expected: 'either `environment` or `baseUrl`, not both',
    });
  }
  const given = overrides(options.endpoints, options.allowInsecureRequests);
  let endpoints: Record<IngoApi, string>;
  if (baseUrl !== undefined) endpoints = fromBaseUrl(baseUrl, options.allowInsecureRequests);
  else if (isIngoEnvironment(environment)) endpoints = { ...ingoApiUrls[environment] };
  else if (environment === undefined && given.length > 0)
    endpoints = { identityScore: '', checkMakerScore: '', dupexInquiry: '' };
  else {
    throw new ConfigurationError({
      option: 'environment',
      expected: "'uat' or 'production' (or pass `baseUrl`)",
      ...(environment === undefined ? {} : { received: environment }),
    });
  }
  for (const [api, url] of given) endpoints[api] = url;
  return Object.freeze(endpoints);
}
