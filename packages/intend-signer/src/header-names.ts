import { ConfigurationError } from '@bridgekit/errors';

/** The names of the three authentication headers, for servers that renamed them. */
export interface IntendHeaderNames {
  /**
  The header that carries the API key.
  @default 'api-key'
  */
  readonly apiKey?: string;
  /**
  The header that carries the timestamp.
  @default 'timestamp'
  */
  readonly timestamp?: string;
  /**
  The header that carries the signature.
  @default 'signature'
  */
  readonly signature?: string;
}

/** {@link IntendHeaderNames} with every name filled in and lower-cased, as `defaultHeaderNames` holds them. */
export interface ResolvedHeaderNames {
  readonly apiKey: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** The header names Intend documents: `api-key`, `timestamp` and `signature`. */
export const defaultHeaderNames: ResolvedHeaderNames = Object.freeze({
  apiKey: 'api-key',
  timestamp: 'timestamp',
  signature: 'signature',
});

// RFC 9110 5.6.2: a header name is a token.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** @internal Validates `headerNames` and fills in the defaults. */
export function resolveHeaderNames(value: unknown, option = 'headerNames'): ResolvedHeaderNames {
  if (value === undefined) return defaultHeaderNames;
  if (typeof value !== 'object' || value === null) {
    throw new ConfigurationError({
      option,
      expected: 'an object such as {signature: "x-signature"}',
      received: value,
    });
  }
  const given = value as Record<string, unknown>;
  const resolved: Record<keyof ResolvedHeaderNames, string> = { ...defaultHeaderNames };
  for (const key of ['apiKey', 'timestamp', 'signature'] as const) {
    const name = given[key];
    if (name === undefined) continue;
    if (typeof name !== 'string' || !token.test(name)) {
      throw new ConfigurationError({
        option: `${option}.${key}`,
        expected: "a header name (letters, digits and !#$%&'*+-.^_`|~)",
        received: name,
      });
    }
    resolved[key] = name.toLowerCase();
  }
  if (new Set(Object.values(resolved)).size !== 3) {
    throw new ConfigurationError({
      option,
      expected: 'three different header names',
      hint: `Resolved to ${resolved.apiKey}, ${resolved.timestamp} and ${resolved.signature}.`,
    });
  }
  return resolved;
}
