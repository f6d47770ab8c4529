import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigurationError } from '@bridgekit/errors';
import { parseHttpUrl } from '@bridgekit/http';
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

/** What live mode cannot do without, and what each is for: a missing one is named once, with this. */
const requiredVariables: Readonly<Record<string, string>> = {
  INTEND_BASE_URL: 'your Intend address, e.g. https://acme.intend.com',
  INTEND_API_KEY: 'the Intend API key',
  INTEND_SECRET_KEY: 'the Intend secret key that signs each request',
  INGO_CLIENT_ID: 'the Ingo OAuth client id',
  INGO_CLIENT_SECRET: 'the Ingo OAuth client secret',
};

/** Needed when INGO_ENVIRONMENT does not name Ingo's documented hosts. */
const ingoUrlVariables: Readonly<Record<string, string>> = {
  INGO_TOKEN_URL: 'the Ingo token endpoint, beside INGO_API_URL',
  INGO_API_URL: 'the Ingo API base URL, beside INGO_TOKEN_URL',
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
A URL variable checked as the clients check their URL options, so that the error names the
variable: an absolute http(s) URL without user info, and plain `http:` only to this machine (the
demo sends real credentials there).
*/
function urlVariable(name: string, value: string | undefined): string | undefined {
  if (value !== undefined) parseHttpUrl(value, { option: name });
  return value;
}

/**
No INTEND_* or INGO_* variable: sandbox mode. Any of them: live mode, which needs all of what
both APIs require; each missing variable is named once, with what it is for.
*/
export function loadConfiguration(env: Record<string, string | undefined>): DemoConfiguration {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const mentioned = Object.keys(env).filter(
    (name) => /^(INTEND|INGO)_/.test(name) && value(name) !== undefined,
  );
  if (mentioned.length === 0) return { mode: 'sandbox' };

  const environment = oneOf('INGO_ENVIRONMENT', value('INGO_ENVIRONMENT'), ['uat', 'production'] as const);
  const missing = Object.entries(requiredVariables)
    .filter(([name]) => value(name) === undefined)
    .map(([name, purpose]) => `${name} (${purpose})`);
  if (environment === undefined) {
    const urls = Object.entries(ingoUrlVariables).filter(([name]) => value(name) === undefined);
    if (urls.length === 2) {
      missing.push(
        'INGO_ENVIRONMENT (uat or production: where Ingo is), or INGO_TOKEN_URL and INGO_API_URL (a token endpoint and an API base URL, for a proxy or a sandbox)',
      );
    } else for (const [name, purpose] of urls) missing.push(`${name} (${purpose})`);
  }
  if (missing.length > 0) {
    throw new ConfigurationError({
      option: 'INTEND_* and INGO_* variables',
      expected: 'every variable live mode needs, or none of them for the embedded sandboxes',
      hint: `Missing: ${missing.join('; ')}.`,
    });
  }
  return {
    mode: 'live',
    intend: {
      baseUrl: urlVariable('INTEND_BASE_URL', value('INTEND_BASE_URL')) as string,
      apiKey: value('INTEND_API_KEY') as string,
      secretKey: value('INTEND_SECRET_KEY') as string,
      scheme: oneOf('INTEND_SIGNATURE_SCHEME', value('INTEND_SIGNATURE_SCHEME'), [
        'key-timestamp',
        'canonical-request',
      ] as const),
    },
    ingo: {
      environment,
      tokenUrl: urlVariable('INGO_TOKEN_URL', value('INGO_TOKEN_URL')),
      apiUrl: urlVariable('INGO_API_URL', value('INGO_API_URL')),
      clientId: value('INGO_CLIENT_ID') as string,
      clientSecret: value('INGO_CLIENT_SECRET') as string,
      scope: value('INGO_SCOPE') ?? ingoScopes.identityScore,
      authMethod: oneOf('INGO_AUTH_METHOD', value('INGO_AUTH_METHOD'), ['basic', 'body'] as const),
    },
  };
}
