import { isSignatureError, type SignatureError } from '@bridgekit/errors';
import type { IntendSignatureScheme, VerifiableRequest, VerifyIntendRequestOptions } from '../index.js';
import { type Api, apiKey, fixedNow, secretKey } from './entries.js';

/** The request the verification tests sign: a POST with a query and a unicode JSON body. */
export const url = 'https://acme.intend.com/api/clients/create?source=web';
export const body = '{"first_name":"Zoë"}';

/** Helpers for verification tests on one entry's `api`. */
export function verification(api: Api): {
  signed(scheme?: IntendSignatureScheme, signedAt?: number): Promise<Record<string, string>>;
  options(overrides?: Partial<VerifyIntendRequestOptions>): VerifyIntendRequestOptions;
  failure(request: VerifiableRequest, verifyOptions?: VerifyIntendRequestOptions): Promise<SignatureError>;
} {
  const options = (overrides: Partial<VerifyIntendRequestOptions> = {}): VerifyIntendRequestOptions => ({
    secretFor: (key) => (key === apiKey ? secretKey : undefined),
    now: () => fixedNow,
    ...overrides,
  });
  return {
    /** The headers for the request above, signed with `scheme` while the clock reads `signedAt`. */
    signed(scheme = 'key-timestamp', signedAt = fixedNow) {
      const signer = api.createIntendSigner({ apiKey, secretKey, scheme, now: () => signedAt });
      return signer.sign({ method: 'POST', url, body });
    },
    /** Verification options for the test key, with the clock at `fixedNow`. */
    options,
    /** The `SignatureError` that verifying `request` rejects with; throws for anything else. */
    async failure(request, verifyOptions = options()) {
      const error = await api.verifyIntendRequest(request, verifyOptions).catch((caught: unknown) => caught);
      if (isSignatureError(error)) return error;
      throw new Error(`expected a SignatureError, got ${String(error)}`);
    },
  };
}
