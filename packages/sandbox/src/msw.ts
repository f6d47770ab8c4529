import { ConfigurationError } from '@bridgekit/errors';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { createIngoSandbox, type IngoSandbox, type IngoSandboxOptions } from './ingo/ingo-sandbox.js';
import {
  createIntendSandbox,
  type IntendSandbox,
  type IntendSandboxOptions,
} from './intend/intend-sandbox.js';
import type { Sandbox } from './server/sandbox-server.js';

/** msw request handlers backed by a sandbox, with the sandbox at hand for faults and stats. */
export type SandboxHandlers<S extends Sandbox> = RequestHandler[] & {
  /** The sandbox that answers: inject faults, read `stats`, change `data`. */
  readonly sandbox: S;
};

/** Without a valid base URL the handlers would match nothing, and msw would let every request out. */
function assertBaseUrl(baseUrl: unknown): asserts baseUrl is string | URL {
  if ((typeof baseUrl === 'string' || baseUrl instanceof URL) && URL.canParse(String(baseUrl))) return;
  throw new ConfigurationError({
    option: 'baseUrl',
    expected: "the client's absolute `baseUrl`",
    received: baseUrl,
  });
}

/**
msw handlers that answer every request below `baseUrl` from `sandbox`, in process: the same data,
signature checks, token rules and faults as over a socket. A dropped connection is a network error.

@example
```
const sandbox = createIntendSandbox({apiKey: 'key', secretKey: 'secret-key'});
const server = setupServer(...sandboxHandlers(sandbox, 'https://acme.intend.com'));
```
*/
export function sandboxHandlers<S extends Sandbox>(sandbox: S, baseUrl: string | URL): SandboxHandlers<S> {
  assertBaseUrl(baseUrl);
  const base = String(baseUrl).replace(/\/+$/, '');
  const handlers = [
    http.all(`${base}/*`, async ({ request }) => {
      try {
        return await sandbox.fetch(request);
      } catch {
        // The sandbox's dropped connection: what a socket cut without an answer looks like to fetch.
        return HttpResponse.error();
      }
    }),
  ];
  return Object.assign(handlers, { sandbox });
}

/**
msw handlers for an Intend sandbox at `baseUrl`, made with `createIntendSandbox`'s options: for
`setupServer` in Node (and `setupWorker` where it applies), so that code using the real client and
the platform `fetch` talks to the sandbox.

@example
```
import {setupServer} from 'msw/node';
import {intendHandlers} from '@bridgekit/sandbox/msw';

const intend = intendHandlers({baseUrl: 'https://acme.intend.com', apiKey: 'key', secretKey: 'secret-key'});
setupServer(...intend).listen();
intend.sandbox.injectFault({kind: 'status', status: 503});
```
*/
export function intendHandlers({
  baseUrl,
  ...options
}: IntendSandboxOptions & { readonly baseUrl: string | URL }): SandboxHandlers<IntendSandbox> {
  assertBaseUrl(baseUrl);
  return sandboxHandlers(createIntendSandbox(options), baseUrl);
}

/**
msw handlers for an Ingo sandbox at `baseUrl` (its token endpoint is `${baseUrl}/connect/token`),
made with `createIngoSandbox`'s options.

@example
```
const ingo = ingoHandlers({baseUrl: 'https://ingo.test', clients: [{clientId: 'c', clientSecret: 's', scopes: ['x']}]});
```
*/
export function ingoHandlers({
  baseUrl,
  ...options
}: IngoSandboxOptions & { readonly baseUrl: string | URL }): SandboxHandlers<IngoSandbox> {
  assertBaseUrl(baseUrl);
  return sandboxHandlers(createIngoSandbox(options), baseUrl);
}
