import { isSignatureError } from '@bridgekit/errors';
import { verifyIntendRequest } from '@bridgekit/intend-signer';
import type { MiddlewareHandler } from 'hono';
import { intendEnvelope } from './intend-envelope.js';

type VerifyOptions = Parameters<typeof verifyIntendRequest>[1];

/** @internal The credentials and clock a request's signature is checked against. */
export interface SignatureCheckSettings {
  readonly apiKey: string;
  /** Several during a rotation; any one verifies. */
  readonly secretKey: string | readonly string[];
  readonly scheme?: VerifyOptions['scheme'];
  readonly toleranceSeconds?: number;
  readonly now?: () => number;
}

/**
@internal Middleware that verifies the `api-key`, `timestamp` and `signature` headers with
`verifyIntendRequest`; a failure answers 401 in the envelope with the reason
(`Authentication failed: signature_mismatch`).
*/
export function signatureCheck(settings: SignatureCheckSettings): MiddlewareHandler {
  const secrets = typeof settings.secretKey === 'string' ? [settings.secretKey] : [...settings.secretKey];
  const verifyOptions: VerifyOptions = {
    secretFor: (apiKey: string) => (apiKey === settings.apiKey ? secrets : undefined),
    ...(settings.scheme === undefined ? {} : { scheme: settings.scheme }),
    ...(settings.toleranceSeconds === undefined ? {} : { toleranceSeconds: settings.toleranceSeconds }),
    ...(settings.now === undefined ? {} : { now: settings.now }),
  };
  return async (context, next) => {
    try {
      await verifyIntendRequest(context.req.raw, verifyOptions);
    } catch (error) {
      if (!isSignatureError(error)) throw error;
      return intendEnvelope(401, null, `Authentication failed: ${error.reason}`);
    }
    await next();
    return undefined;
  };
}
