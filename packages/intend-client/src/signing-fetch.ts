import type { Fetch } from '@bridgekit/http';
import { type IntendSigner, intendAuth } from '@bridgekit/intend-signer';

/**
@internal Wraps `fetch` so that every attempt is signed as it goes out: ky's `Request` gets the
`api-key`, `timestamp` and `signature` of its final method, URL and body. Signed here rather than
in ky hooks: a retry after a long backoff gets a fresh timestamp, a user's `beforeRequest` hook
that changes the request is covered by the signature, and the client's ky instance keeps no hook
of its own (ky merges and runs every hook list on each request: the largest part of what a call
cost over ky alone).
*/
export function signingFetch(signer: IntendSigner, fetch: Fetch): Fetch {
  const sign = intendAuth(signer);
  return (input, init) => {
    // ky always sends a Request; anything else (a direct caller) is made one, to be signed.
    const request = input instanceof Request ? input : new Request(input, init);
    return sign({ request }).then(() => fetch(request, init));
  };
}
