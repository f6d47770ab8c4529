import {
  ConfigurationError,
  revealSecretOption,
  type Secret,
  SignatureError,
  SignatureFailureReason,
} from '@bridgekit/errors';
import type { CryptoBackend } from './crypto-backend.js';
import { bodyBytes, type SignableBody } from './encoding.js';
import type { IntendHeaderNames } from './header-names.js';
import { parseRequestUrl } from './request-url.js';
import { resolveSharedOptions } from './shared-options.js';
import type { IntendSignatureScheme } from './signature-scheme.js';
import { checkTimestamp } from './timestamp-window.js';

/** A request to verify: a Fetch `Request`, or its parts (for Node's `http`, Express and the like). */
export type VerifiableRequest =
  | Request
  | {
      readonly method: string;
      readonly url: string | URL;
      /** A `Headers`, or a plain object such as Node's `request.headers` (names in any case). */
      readonly headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
      /** The exact body bytes received. Needed only by schemes that sign the body. */
      readonly body?: SignableBody;
    };

/** What `secretFor` may return: one secret, several during a rotation, or none for an unknown key. */
export type SecretLookup = string | Secret | readonly (string | Secret)[] | undefined | null;

/** Options of `verifyIntendRequest`. */
export interface VerifyIntendRequestOptions {
  /**
  Returns the secret key for an API key, or several while you rotate it (any one verifies), or
  `undefined` for an unknown key. May be async, e.g. a database lookup.
  @example (apiKey) => (apiKey === process.env.INTEND_API_KEY ? process.env.INTEND_SECRET_KEY : undefined)
  */
  readonly secretFor: (apiKey: string) => SecretLookup | Promise<SecretLookup>;
  /**
  The scheme clients sign with; the same values as the signer's `scheme`.
  @default 'key-timestamp'
  */
  readonly scheme?: IntendSignatureScheme;
  /**
  How far, in seconds, the timestamp may be from `now()`, in either direction.
  @default 300
  */
  readonly toleranceSeconds?: number;
  /**
  The server's clock, in epoch milliseconds.
  @default Date.now
  */
  readonly now?: () => number;
  /**
  The authentication header names, if they were renamed.
  @default {apiKey: 'api-key', timestamp: 'timestamp', signature: 'signature'}
  */
  readonly headerNames?: IntendHeaderNames;
}

/** What a successful verification established. */
export interface VerifiedIntendRequest {
  /** The API key that signed the request. */
  readonly apiKey: string;
  /** The request's timestamp, in epoch milliseconds. */
  readonly timestamp: number;
  /** Which of the secrets `secretFor` returned matched (0 for a single secret): watch it during a rotation. */
  readonly secretIndex: number;
}

function isFetchRequest(request: VerifiableRequest): request is Request {
  return (
    typeof (request as Request).clone === 'function' && typeof (request as Request).arrayBuffer === 'function'
  );
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers !== 'object' || headers === null) {
    throw new ConfigurationError({
      option: 'request.headers',
      expected: 'a Headers or a plain object',
      received: headers,
    });
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.join(', ');
  }
  return undefined;
}

function requiredHeader(headers: unknown, name: string): string {
  const value = headerValue(headers, name);
  if (value === undefined || value === '') {
    throw new SignatureError({ reason: SignatureFailureReason.MissingHeader, header: name });
  }
  return value;
}

function secretsFrom(lookup: unknown): string[] {
  if (lookup === undefined || lookup === null) return [];
  const list: readonly unknown[] = Array.isArray(lookup) ? lookup : [lookup];
  return list.map((secret, index) =>
    revealSecretOption(secret, Array.isArray(lookup) ? `secretFor()[${index}]` : 'secretFor()'),
  );
}

/** Validates the verifier's own options (the shared ones are resolved first) and returns the tolerance in seconds. */
function toleranceOf(options: VerifyIntendRequestOptions): number {
  const { secretFor, toleranceSeconds } = options as Partial<VerifyIntendRequestOptions>;
  if (typeof secretFor !== 'function') {
    throw new ConfigurationError({
      option: 'secretFor',
      expected: 'a function from an API key to its secret key(s), or undefined when the key is unknown',
      received: secretFor,
    });
  }
  if (
    toleranceSeconds !== undefined &&
    (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds < 0)
  ) {
    throw new ConfigurationError({
      option: 'toleranceSeconds',
      expected: 'a finite number of seconds, 0 or more',
      received: toleranceSeconds,
    });
  }
  return toleranceSeconds ?? 300;
}

async function requestBody(request: VerifiableRequest, needed: boolean): Promise<Uint8Array | undefined> {
  if (!needed) return undefined;
  if (!isFetchRequest(request)) return bodyBytes(request.body, true, 'request.body');
  if (request.body === null) return undefined;
  if (request.bodyUsed) {
    throw new ConfigurationError({
      option: 'request',
      expected: 'a Request whose body has not been read yet',
      hint: 'Verify before reading the body (verification reads a clone, so the body stays readable), or pass {method, url, headers, body}.',
    });
  }
  return new Uint8Array(await request.clone().arrayBuffer());
}

/** @internal Verifies on `backend`; the entries wrap this with theirs. */
export async function verifyWith(
  backend: CryptoBackend,
  request: VerifiableRequest,
  options: VerifyIntendRequestOptions,
): Promise<VerifiedIntendRequest> {
  const { scheme, headerNames: names, clock } = resolveSharedOptions(options, '{secretFor}');
  const toleranceSeconds = toleranceOf(options);
  if (typeof request !== 'object' || request === null) {
    throw new ConfigurationError({
      option: 'request',
      expected: 'a Request or {method, url, headers, body?}',
      received: request,
    });
  }
  const { method, url, headers } = request;
  if (typeof method !== 'string' || method === '') {
    throw new ConfigurationError({
      option: 'request.method',
      expected: "an HTTP method such as 'GET'",
      received: method,
    });
  }
  const parsedUrl = parseRequestUrl(url, 'request.url');

  const apiKey = requiredHeader(headers, names.apiKey);
  const timestamp = requiredHeader(headers, names.timestamp);
  const signature = requiredHeader(headers, names.signature);

  const timestampMs = checkTimestamp(
    timestamp,
    scheme.timestampUnit,
    clock,
    toleranceSeconds,
    names.timestamp,
  );

  const secrets = secretsFrom(await options.secretFor(apiKey));
  if (secrets.length === 0) {
    throw new SignatureError({ reason: SignatureFailureReason.UnknownKey, header: names.apiKey });
  }

  const body = await requestBody(request, scheme.signsBody);
  const message = await scheme.message({ method, url: parsedUrl, body, apiKey, timestamp }, backend);
  for (const [secretIndex, secret] of secrets.entries()) {
    const expected = await backend.createHmac(secret, scheme.algorithm, scheme.encoding)(message);
    if (backend.timingSafeEqual(expected, signature)) {
      return { apiKey, timestamp: timestampMs, secretIndex };
    }
  }
  throw new SignatureError({ reason: SignatureFailureReason.SignatureMismatch, header: names.signature });
}
