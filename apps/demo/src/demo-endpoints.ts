import { type createTokenManager, ingoApiUrls, ingoTokenUrls } from '@bridgekit/ingo-auth';
import type { createIntendClient } from '@bridgekit/intend-client';
import type { CliOptions } from './cli-options.js';
import type { DemoConfiguration } from './configuration.js';
import { type EmbeddedSandboxes, startEmbeddedSandboxes } from './embedded-sandboxes.js';

/** The three services the demo talks to. */
export type DemoService = 'intend' | 'ingoToken' | 'ingoApi';

/** The URLs of each service, to tell from an error's `url` which one failed. */
export type ServiceUrls = Readonly<Record<DemoService, readonly string[]>>;

/** Where the run's clients point, and the embedded sandboxes when there are any. */
export interface Endpoints {
  readonly mode: 'sandbox' | 'live';
  readonly sandboxes: EmbeddedSandboxes | undefined;
  readonly intend: Parameters<typeof createIntendClient>[0];
  readonly tokens: Parameters<typeof createTokenManager>[0];
  readonly ingo: { readonly baseUrl: string } | { readonly environment: 'uat' | 'production' };
  readonly services: ServiceUrls;
}

function liveEndpoints(configuration: Extract<DemoConfiguration, { mode: 'live' }>): Endpoints {
  const { intend, ingo } = configuration;
  const environment = ingo.environment ?? 'uat';
  const tokenUrl = ingo.tokenUrl ?? ingoTokenUrls[environment];
  return {
    mode: 'live',
    sandboxes: undefined,
    intend: {
      baseUrl: intend.baseUrl,
      apiKey: intend.apiKey,
      secretKey: intend.secretKey,
      ...(intend.scheme ? { scheme: intend.scheme } : {}),
    },
    tokens: {
      ...(ingo.tokenUrl ? { tokenUrl: ingo.tokenUrl } : { environment }),
      clientId: ingo.clientId,
      clientSecret: ingo.clientSecret,
      scope: ingo.scope,
      ...(ingo.authMethod ? { authMethod: ingo.authMethod } : {}),
    },
    ingo: ingo.apiUrl ? { baseUrl: ingo.apiUrl } : { environment },
    services: {
      intend: [intend.baseUrl],
      ingoToken: [tokenUrl],
      ingoApi: ingo.apiUrl ? [ingo.apiUrl] : Object.values(ingoApiUrls[environment]).filter(Boolean),
    },
  };
}

async function sandboxEndpoints(options: CliOptions): Promise<Endpoints> {
  const sandboxes = await startEmbeddedSandboxes({
    clients: options.clients,
    latency: options.sandboxLatency,
    faultRate: options.sandboxFaultRate,
  });
  return {
    mode: 'sandbox',
    sandboxes,
    intend: {
      baseUrl: sandboxes.intend.baseUrl,
      apiKey: sandboxes.intend.apiKey,
      secretKey: sandboxes.intend.secretKey,
    },
    tokens: {
      tokenUrl: sandboxes.ingo.tokenUrl,
      clientId: sandboxes.ingo.clientId,
      clientSecret: sandboxes.ingo.clientSecret,
      scope: sandboxes.ingo.scope,
    },
    ingo: { baseUrl: sandboxes.ingo.baseUrl },
    services: {
      intend: [sandboxes.intend.baseUrl],
      ingoToken: [sandboxes.ingo.tokenUrl],
      ingoApi: [sandboxes.ingo.baseUrl],
    },
  };
}

/** Live endpoints from the configuration, or freshly started embedded sandboxes. */
export function resolveEndpoints(configuration: DemoConfiguration, options: CliOptions): Promise<Endpoints> {
  return configuration.mode === 'live'
    ? Promise.resolve(liveEndpoints(configuration))
    : sandboxEndpoints(options);
}

function normalized(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/**
The service a request URL belongs to: the one whose URL is its longest prefix, so that a token
endpoint below the API's host (as on the sandbox) is told apart from the API.
*/
export function serviceOf(url: string | undefined, services: ServiceUrls): DemoService | undefined {
  const target = url === undefined ? undefined : normalized(url);
  if (target === undefined) return undefined;
  let best: { service: DemoService; length: number } | undefined;
  for (const [service, urls] of Object.entries(services) as [DemoService, readonly string[]][]) {
    for (const candidate of urls.map(normalized)) {
      const matches = candidate !== undefined && (target === candidate || target.startsWith(`${candidate}/`));
      if (matches && candidate.length > (best?.length ?? -1)) best = { service, length: candidate.length };
    }
  }
  return best?.service;
}
