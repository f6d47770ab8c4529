import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigurationError } from '@bridgekit/errors';
import { ingoScopes } from '@bridgekit/ingo-auth';

/** Where the demo talks to: embedded sandboxes, or real endpoints from the environment. */
export type DemoConfiguration =
  | { readonly mode: 'sandbox' }
  | {
      readonly mode: 'live';
      readonly intend: {
        readonly baseUrl: string;
        readonly apiKey: string;
        readonly secretKey: string;
        readonly scheme: 'key-timestamp' | 'canonical-request' | undefined;
      };
      readonly ingo: {
        readonly environment: 'uat' | 'production' | undefined;
        readonly tokenUrl: string | undefined;
        readonly apiUrl: string | undefined;
        readonly clientId: string;
        readonly clientSecret: string;
        readonly scope: string;
        readonly authMethod: 'basic' | 'body' | undefined;
      };
    };

/** Reads `.env` in `cwd` (if any) under the process environment: real variables win. */
export function environmentWithDotEnv(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Record<string, string | undefined> {
  const file = join(cwd, '.env');
  return existsSync(file) ? { ...parseEnv(readFileSync(file, 'utf8')), ...env } : { ...env };
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError({ option: name, expected: allowed.map((each) => `'${each}'`).join(' or ') });
}

/**
No INTEND_* or INGO_* variable: sandbox mode. Any of them: live mode, which needs all of what
both APIs require; what is missing is listed by name.
*/
export function loadConfiguration(env: Record<string, string | undefined>): DemoConfiguration {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const mentioned = Object.keys(env).filter(
    (name) => /^(INTEND|INGO)_/.test(name) && value(name) !== undefined,
  );
  if (mentioned.length === 0) return { mode: 'sandbox' };

  const missing = [
    'INTEND_BASE_URL',
    'INTEND_API_KEY',
    'INTEND_SECRET_KEY',
    'INGO_CLIENT_ID',
    'INGO_CLIENT_SECRET',
  ].filter((name) => value(name) === undefined);
  const environment = oneOf('INGO_ENVIRONMENT', value('INGO_ENVIRONMENT'), ['uat', 'production'] as const);
  if (environment === undefined) {
    for (const name of ['INGO_TOKEN_URL', 'INGO_API_URL']) if (value(name) === undefined) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ConfigurationError({
      option: missing.join(', '),
      expected:
        'to be set for live mode (or unset every INTEND_* and INGO_* variable to use the embedded sandboxes)',
      hint: `Missing: ${missing.join(', ')}${environment === undefined ? ' (INGO_ENVIRONMENT=uat|production can replace INGO_TOKEN_URL and INGO_API_URL)' : ''}.`,
    });
  }
  return {
    mode: 'live',
    intend: {
      baseUrl: value('INTEND_BASE_URL') as string,
      apiKey: value('INTEND_API_KEY') as string,
      secretKey: value('INTEND_SECRET_KEY') as string,
      scheme: oneOf('INTEND_SIGNATURE_SCHEME', value('INTEND_SIGNATURE_SCHEME'), [
        'key-timestamp',
        'canonical-request',
      ] as const),
    },
    ingo: {
      environment,
      tokenUrl: value('INGO_TOKEN_URL'),
      apiUrl: value('INGO_API_URL'),
      clientId: value('INGO_CLIENT_ID') as string,
      clientSecret: value('INGO_CLIENT_SECRET') as string,
      scope: value('INGO_SCOPE') ?? ingoScopes.identityScore,
      authMethod: oneOf('INGO_AUTH_METHOD', value('INGO_AUTH_METHOD'), ['basic', 'body'] as const),
    },
  };
}
