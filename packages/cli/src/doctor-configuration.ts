import { ConfigurationError } from '@bridgekit/errors';
import { parseHttpUrl } from '@bridgekit/http';
import { type IngoEnvironment, ingoScopes } from '@bridgekit/ingo-auth';

/** The Intend settings the doctor checks, from `INTEND_*`. */
export interface IntendSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly secretKey: string;
}

/** The Ingo settings the doctor checks, from `INGO_*`. */
export interface IngoSettings {
  readonly environment: IngoEnvironment | undefined;
  readonly tokenUrl: string | undefined;
  readonly apiUrl: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  readonly authMethod: 'basic' | 'body';
}

/** @internal What the environment asks the doctor to check; at least one of the three. */
export interface DoctorSettings {
  readonly intend: IntendSettings | undefined;
  readonly ingo: IngoSettings | undefined;
  readonly redisUrl: string | undefined;
}

/** What each service needs, as the demo reads it (apps/demo). */
const needs = {
  intend: ['INTEND_BASE_URL', 'INTEND_API_KEY', 'INTEND_SECRET_KEY'],
  ingo: ['INGO_CLIENT_ID', 'INGO_CLIENT_SECRET'],
} as const;

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError({ option: name, expected: allowed.map((each) => `'${each}'`).join(' or ') });
}

function missing(service: string, names: readonly string[], value: (name: string) => string | undefined) {
  const absent = names.filter((name) => value(name) === undefined);
  if (absent.length === 0) return;
  throw new ConfigurationError({
    option: `${service} variables`,
    expected: `all of ${names.join(', ')} (or none, to skip ${service})`,
    hint: `Missing: ${absent.join(', ')}.`,
  });
}

/**
@internal Reads `INTEND_*`, `INGO_*` and `REDIS_URL`. A service with none of its variables is not
checked; one with some of them names what is missing. Nothing at all is a `ConfigurationError`
that says what to set (exit 2).
*/
export function doctorSettings(env: Readonly<Record<string, string | undefined>>): DoctorSettings {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const mentions = (prefix: string) =>
    Object.keys(env).some((name) => name.startsWith(prefix) && value(name));
  const url = (name: string) => {
    const given = value(name);
    if (given !== undefined) parseHttpUrl(given, { option: name });
    return given;
  };
  let intend: IntendSettings | undefined;
  if (mentions('INTEND_')) {
    missing('Intend', needs.intend, value);
    intend = {
      baseUrl: url('INTEND_BASE_URL') as string,
      apiKey: value('INTEND_API_KEY') as string,
      secretKey: value('INTEND_SECRET_KEY') as string,
    };
  }
  let ingo: IngoSettings | undefined;
  if (mentions('INGO_')) {
    missing('Ingo', needs.ingo, value);
    const environment = oneOf('INGO_ENVIRONMENT', value('INGO_ENVIRONMENT'), ['uat', 'production'] as const);
    const tokenUrl = url('INGO_TOKEN_URL');
    const apiUrl = url('INGO_API_URL');
    if (environment === undefined && (tokenUrl === undefined || apiUrl === undefined)) {
      throw new ConfigurationError({
        option: 'INGO_ENVIRONMENT',
        expected: "'uat' or 'production', or both INGO_TOKEN_URL and INGO_API_URL (a proxy or a sandbox)",
      });
    }
    ingo = {
      environment,
      tokenUrl,
      apiUrl,
      clientId: value('INGO_CLIENT_ID') as string,
      clientSecret: value('INGO_CLIENT_SECRET') as string,
      scope: value('INGO_SCOPE') ?? ingoScopes.identityScore,
      authMethod: oneOf('INGO_AUTH_METHOD', value('INGO_AUTH_METHOD'), ['basic', 'body'] as const) ?? 'basic',
    };
  }
  const redisUrl = value('REDIS_URL');
  if (intend === undefined && ingo === undefined && redisUrl === undefined) {
    throw new ConfigurationError({
      option: 'environment',
      expected: 'the variables of at least one service to check',
      hint:
        'Set INTEND_BASE_URL, INTEND_API_KEY and INTEND_SECRET_KEY (Intend); INGO_CLIENT_ID, INGO_CLIENT_SECRET and ' +
        'INGO_ENVIRONMENT or INGO_TOKEN_URL with INGO_API_URL (Ingo; INGO_SCOPE and INGO_AUTH_METHOD optional); ' +
        'REDIS_URL (the token store). They are read from the environment and from ./.env.',
    });
  }
  return { intend, ingo, redisUrl };
}
