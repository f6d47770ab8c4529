import { ConfigurationError } from '@bridgekit/errors';
import { canonicalRequest } from './canonical-request.js';
import type { CryptoBackend, HashAlgorithm } from './crypto-backend.js';
import type { SignatureEncoding } from './encoding.js';
import { andThen, type MaybePromise } from './maybe-promise.js';

/**
The built-in schemes, by name.

- `'key-timestamp'` (the default): HMAC-SHA256 over `apiKey + timestamp`, lowercase hex, timestamp
  in Unix seconds. An assumption: Intend does not document its algorithm.
- `'canonical-request'`: HMAC-SHA256 over the {@link canonicalRequest} form, which also binds the
  method, path, query and body.
*/
export const IntendScheme = {
  KeyTimestamp: 'key-timestamp',
  CanonicalRequest: 'canonical-request',
} as const;

/** One of the {@link IntendScheme} names. */
export type IntendScheme = (typeof IntendScheme)[keyof typeof IntendScheme];

/** The unit of the `timestamp` header: Unix seconds or Unix milliseconds. */
export type TimestampUnit = 's' | 'ms';

/** What a custom scheme's `stringToSign` receives. */
export interface StringToSignInput {
  /** The HTTP method as sent (ky and `fetch` upper-case the common ones). */
  readonly method: string;
  /** The absolute URL, query included. */
  readonly url: URL;
  /** The body's exact bytes; empty when there is none. */
  readonly body: Uint8Array;
  /** The API key sent in the `api-key` header. */
  readonly apiKey: string;
  /** The `timestamp` header's value, exactly as sent. */
  readonly timestamp: string;
}

/** Returns the string whose UTF-8 bytes are signed. May be async. */
export type StringToSign = (input: StringToSignInput) => string | Promise<string>;

/** A scheme of your own: what to sign, with which hash, and how to write the result. */
export interface CustomScheme {
  /**
  The string to sign: your function, or a built-in scheme's name to reuse its string with another
  algorithm, encoding or timestamp unit.
  @example ({apiKey, timestamp, method, url}) => `${apiKey}|${timestamp}|${method}|${url.pathname}`
  @example 'canonical-request'
  */
  readonly stringToSign: StringToSign | IntendScheme;
  /**
  The HMAC's hash function.
  @default 'SHA-256'
  */
  readonly algorithm?: HashAlgorithm;
  /**
  How the signature's bytes are written: lowercase hex or standard padded base64.
  @default 'hex'
  */
  readonly encoding?: SignatureEncoding;
  /**
  The unit of the `timestamp` header.
  @default 's'
  */
  readonly timestampUnit?: TimestampUnit;
}

/**
Everything `scheme` accepts: a built-in name, a `stringToSign` function (with SHA-256, hex and
seconds), or a {@link CustomScheme}.
*/
export type IntendSignatureScheme = IntendScheme | StringToSign | CustomScheme;

/** @internal A request reduced to what a scheme may read. */
export interface MessageInput {
  readonly method: string;
  /** Already checked by `parseRequestUrl`, for every scheme. */
  readonly url: URL;
  readonly body: Uint8Array | undefined;
  readonly apiKey: string;
  readonly timestamp: string;
}

/** @internal A validated scheme with every default filled in. */
export interface ResolvedScheme {
  /** `'custom'` for a function; a {@link CustomScheme} naming a built-in string keeps that name. */
  readonly name: IntendScheme | 'custom';
  readonly algorithm: HashAlgorithm;
  readonly encoding: SignatureEncoding;
  readonly timestampUnit: TimestampUnit;
  /** Whether the string to sign depends on the body, so that callers read it only then. */
  readonly signsBody: boolean;
  /** The string to sign. */
  readonly message: (input: MessageInput, backend: CryptoBackend) => MaybePromise<string>;
}

const emptyBody = new Uint8Array(0);

const keyTimestampMessage = (input: MessageInput): string => input.apiKey + input.timestamp;

const canonicalRequestMessage = (input: MessageInput, backend: CryptoBackend): MaybePromise<string> =>
  andThen(backend.sha256Hex(input.body ?? emptyBody), (bodySha256) =>
    canonicalRequest({ method: input.method, url: input.url, timestamp: input.timestamp, bodySha256 }),
  );

function customMessage(stringToSign: StringToSign): ResolvedScheme['message'] {
  return (input) => {
    const result = stringToSign({
      method: input.method,
      url: input.url,
      body: input.body ?? emptyBody,
      apiKey: input.apiKey,
      timestamp: input.timestamp,
    });
    return andThen(result, (message: unknown) => {
      if (typeof message === 'string') return message;
      throw new ConfigurationError({
        option: 'scheme.stringToSign',
        expected: 'a function that returns a string (or a promise of one)',
        received: message,
      });
    });
  };
}

const builtIn: Readonly<Record<IntendScheme, ResolvedScheme>> = {
  'key-timestamp': {
    name: 'key-timestamp',
    algorithm: 'SHA-256',
    encoding: 'hex',
    timestampUnit: 's',
    signsBody: false,
    message: keyTimestampMessage,
  },
  'canonical-request': {
    name: 'canonical-request',
    algorithm: 'SHA-256',
    encoding: 'hex',
    timestampUnit: 's',
    signsBody: true,
    message: canonicalRequestMessage,
  },
};

const schemeNames = "'key-timestamp', 'canonical-request'";

function isSchemeName(value: unknown): value is IntendScheme {
  return value === 'key-timestamp' || value === 'canonical-request';
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  option: string,
  expected: string,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  throw new ConfigurationError({ option, expected, received: value });
}

function stringToSignOf(
  stringToSign: unknown,
  option: string,
): Pick<ResolvedScheme, 'name' | 'signsBody' | 'message'> {
  if (isSchemeName(stringToSign)) return builtIn[stringToSign];
  if (typeof stringToSign === 'function') {
    return { name: 'custom', signsBody: true, message: customMessage(stringToSign as StringToSign) };
  }
  throw new ConfigurationError({
    option,
    expected: `a function that returns the string to sign, or ${schemeNames}`,
    received: stringToSign,
  });
}

/** @internal Validates `scheme` and fills in its defaults. */
export function resolveScheme(scheme: unknown, option = 'scheme'): ResolvedScheme {
  if (scheme === undefined) return builtIn['key-timestamp'];
  if (isSchemeName(scheme)) return builtIn[scheme];
  if (typeof scheme === 'function') return { ...builtIn['key-timestamp'], ...stringToSignOf(scheme, option) };
  if (typeof scheme !== 'object' || scheme === null) {
    throw new ConfigurationError({
      option,
      expected: `${schemeNames}, a stringToSign function, or {stringToSign, algorithm?, encoding?, timestampUnit?}`,
      received: scheme,
      hint: typeof scheme === 'string' ? `The built-in schemes are ${schemeNames}.` : undefined,
    });
  }
  const custom = scheme as Record<string, unknown>;
  const base = stringToSignOf(custom['stringToSign'], `${option}.stringToSign`);
  return {
    ...base,
    algorithm: oneOf(
      custom['algorithm'],
      ['SHA-256', 'SHA-512'],
      'SHA-256',
      `${option}.algorithm`,
      "'SHA-256' or 'SHA-512'",
    ),
    encoding: oneOf(custom['encoding'], ['hex', 'base64'], 'hex', `${option}.encoding`, "'hex' or 'base64'"),
    timestampUnit: oneOf(custom['timestampUnit'], ['s', 'ms'], 's', `${option}.timestampUnit`, "'s' or 'ms'"),
  };
}
