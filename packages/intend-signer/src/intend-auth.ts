import { ConfigurationError } from '@bridgekit/errors';
import type { IntendSigner } from './create-intend-signer.js';

/**
What the `intendAuth` hook receives. ky's `beforeRequest` state has this shape, so the hook is a
ky `BeforeRequestHook`, while this package's types never import ky: a project without ky can
type-check them.
*/
export interface IntendAuthHookState {
  /** The request about to be sent; the hook reads it and sets the three headers on it. */
  readonly request: Request;
  /**
  ky's normalized options. Not read; accepted so that a `beforeRetry` hook can pass ky's state on.
  @example ({request, options}) => sign({request, options, retryCount: 0})
  */
  readonly options?: unknown;
  /**
  ky's retry count. Not read.
  @default 0
  */
  readonly retryCount?: number;
}

/** The hook `intendAuth` returns: usable as a ky `beforeRequest` hook and called from `beforeRetry`. */
export type IntendAuthHook = (state: IntendAuthHookState) => Promise<void>;

/**
A ky `beforeRequest` hook that signs the exact request ky sends: its method, its final URL (with
`searchParams` applied) and its body bytes (read from a clone, so ky still sends the body), and
sets the three headers on it. The body is read only when the signer's scheme signs it.

ky runs `beforeRequest` hooks once, not per retry. A retry can come long after (backoff,
`Retry-After`), so sign retries again with a `beforeRetry` hook, as below.

@example
```
import ky from 'ky';
import {createIntendSigner, intendAuth} from '@bridgekit/intend-signer';

const sign = intendAuth(createIntendSigner({apiKey, secretKey}));
const intend = ky.create({
	baseUrl: 'https://acme.intend.com/api/',
	hooks: {
		beforeRequest: [sign],
		beforeRetry: [({request, options}) => sign({request, options, retryCount: 0})],
	},
});
const clients = await intend.get('clients', {searchParams: {page: 2}}).json();
```
*/
export function intendAuth(signer: IntendSigner): IntendAuthHook {
  if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
    throw new ConfigurationError({
      option: 'signer',
      expected: 'a signer from createIntendSigner()',
      received: signer,
    });
  }
  return async ({ request }) => {
    // A signer that does not say (one written by hand) gets the body: reading it is only slower.
    const needsBody = signer.signsBody !== false && request.body !== null;
    const body = needsBody ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
    const headers = await signer.sign({ method: request.method, url: request.url, body });
    for (const name in headers) request.headers.set(name, headers[name] as string);
  };
}
