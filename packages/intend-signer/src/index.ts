// The default entry: Web Crypto, for every runtime. index.node.ts exports the same API on
// node:crypto; package.json picks it under the `node` condition. Both re-export public-api.ts and
// add only the two functions that bind their backend (entries.test.ts checks the lists are equal).
import { createSignerWith, type IntendSigner, type IntendSignerOptions } from './create-intend-signer.js';
import {
  type VerifiableRequest,
  type VerifiedIntendRequest,
  type VerifyIntendRequestOptions,
  verifyWith,
} from './verify-intend-request.js';
import { webCryptoBackend } from './web-crypto-backend.js';

export * from './public-api.js';

/**
Creates a signer for one API key and secret key. The secret is imported once (a non-extractable
`CryptoKey` here, a `KeyObject` under Node) and never appears in the signer's JSON, `String()` or
`util.inspect()` output.

Throws `ConfigurationError` for an invalid option, and in a browser page unless
`dangerouslyAllowBrowser` is set: the secret key must stay server-side.

@example
```
import {createIntendSigner} from '@bridgekit/intend-signer';

const signer = createIntendSigner({apiKey: process.env.INTEND_API_KEY, secretKey: process.env.INTEND_SECRET_KEY});
const headers = await signer.sign({method: 'GET', url: 'https://acme.intend.com/api/clients?page=2'});
//=> {'api-key': 'a0761d…', timestamp: '1732370000', signature: '<64 hex characters>'}
```
*/
export function createIntendSigner(options: IntendSignerOptions): IntendSigner {
  return createSignerWith(webCryptoBackend, options);
}

/**
Checks a request's `api-key`, `timestamp` and `signature` headers: the server side of
`createIntendSigner`, used by the bridgekit sandbox and by anything that imitates an Intend API.

The timestamp must be within `toleranceSeconds` of `now()` in either direction; the signature is
compared in constant time against each of the key's secrets. A `Request`'s body is read from a
clone, so it stays readable. Resolves to the verified key and timestamp; rejects with a
`SignatureError` whose `reason` is `missing_header`, `malformed_timestamp`,
`timestamp_out_of_range`, `unknown_key` or `signature_mismatch` (checked in that order).

@example
```
import {verifyIntendRequest} from '@bridgekit/intend-signer';
import {isSignatureError} from '@bridgekit/errors';

try {
	await verifyIntendRequest(request, {secretFor: (apiKey) => secrets.get(apiKey)});
} catch (error) {
	if (isSignatureError(error)) return new Response(error.reason, {status: 401});
	throw error;
}
```
*/
export function verifyIntendRequest(
  request: VerifiableRequest,
  options: VerifyIntendRequestOptions,
): Promise<VerifiedIntendRequest> {
  return verifyWith(webCryptoBackend, request, options);
}
