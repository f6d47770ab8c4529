import { ConfigurationError } from '@bridgekit/errors';
// A type-only import: ky stays an optional peer dependency and is never loaded by this package.
import type { BeforeRequestHook } from 'ky';
import type { IntendSigner } from './create-intend-signer.js';

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
export function intendAuth(signer: IntendSigner): BeforeRequestHook {
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
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  };
}
