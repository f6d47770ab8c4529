import { HttpError, OAuthError } from '@bridgekit/errors';
import {
  type AccessToken,
  createIngoClient,
  createTokenManager,
  type IngoClient,
  ingoScopes,
} from '@bridgekit/ingo-auth';
import { check, type DoctorCheck, reasonOf } from './check.js';
import { clockCheck } from './clock-offset.js';
import type { IngoSettings } from './doctor-configuration.js';

type AuthMethod = IngoSettings['authMethod'];

/** What one token request with one client authentication method came to. */
type TokenOutcome =
  | { readonly token: AccessToken; readonly skewMs: number | undefined }
  | { readonly error: unknown };

async function requestToken(settings: IngoSettings, authMethod: AuthMethod): Promise<TokenOutcome> {
  let skewMs: number | undefined;
  const tokens = createTokenManager({
    ...(settings.tokenUrl ? { tokenUrl: settings.tokenUrl } : { environment: settings.environment ?? 'uat' }),
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    scope: settings.scope,
    authMethod,
    onTokenFetched: (event) => {
      skewMs = event.clockSkew;
    },
  });
  try {
    return { token: await tokens.getToken(), skewMs };
  } catch (error) {
    return { error };
  }
}

/** Whether the endpoint refused the client itself (not its scope, not the network). */
function clientRefused(error: unknown): boolean {
  if (OAuthError.isInstance(error))
    return error.error === 'invalid_client' || error.error === 'unauthorized_client';
  return HttpError.isInstance(error) && error.status === 401;
}

function tokenFailure(settings: IngoSettings, error: unknown, other: TokenOutcome | undefined): DoctorCheck {
  const method = `INGO_AUTH_METHOD=${settings.authMethod}`;
  const otherMethod = settings.authMethod === 'basic' ? 'body' : 'basic';
  if (other !== undefined && 'token' in other) {
    return check(
      'ingo token',
      'fail',
      `the token endpoint refuses ${method} and accepts ${otherMethod}`,
      `set INGO_AUTH_METHOD=${otherMethod}`,
    );
  }
  if (other !== undefined) {
    return check(
      'ingo token',
      'fail',
      `the client was refused with both authentication methods: ${reasonOf(error)}`,
      'check INGO_CLIENT_ID and INGO_CLIENT_SECRET',
    );
  }
  if (OAuthError.isInstance(error) && error.error === 'invalid_scope') {
    return check(
      'ingo token',
      'fail',
      `the scope ${settings.scope} is not granted: ${reasonOf(error)}`,
      'check INGO_SCOPE, or ask Ingo to grant it to this client',
    );
  }
  const fix = HttpError.isInstance(error)
    ? 'ask Ingo what this answer means'
    : 'check INGO_ENVIRONMENT or INGO_TOKEN_URL and the network';
  return check('ingo token', 'fail', `no token with ${method}: ${reasonOf(error)}`, fix);
}

/** One harmless call of the scope's API, with sample data: a read, never a dupex inquiry. */
function sampleCall(ingo: IngoClient, scope: string): Promise<unknown> | undefined {
  if (scope === ingoScopes.identityScore) {
    return ingo.identityScore({
      emailAddress: 'doctor@example.com',
      correlationData: [{ AttributeName: 'Source', AttributeValue: 'bridgekit doctor' }],
    });
  }
  if (scope === ingoScopes.checkMakerScore)
    return ingo.checkMakerScore({ aba: '011000015', accountNumber: '1234567890' });
  return undefined;
}

async function apiCheck(settings: IngoSettings, token: AccessToken): Promise<DoctorCheck> {
  const tokens = { getToken: async () => token, invalidate: () => false };
  const ingo = createIngoClient({
    tokens,
    ...(settings.apiUrl ? { baseUrl: settings.apiUrl } : { environment: settings.environment ?? 'uat' }),
  });
  const call = sampleCall(ingo, settings.scope);
  if (call === undefined)
    return check(
      'ingo api',
      'warn',
      `not called: the doctor calls only the identity score and check maker APIs (scope ${settings.scope})`,
    );
  try {
    await call;
    return check('ingo api', 'ok', 'one call with sample data answered');
  } catch (error) {
    // A 4xx on the doctor's sample data still proves that the API took the token.
    if (
      HttpError.isInstance(error) &&
      error.status >= 400 &&
      error.status < 500 &&
      ![401, 403].includes(error.status)
    ) {
      return check(
        'ingo api',
        'ok',
        `the API took the token (it answered ${error.status} to the doctor’s sample data)`,
      );
    }
    const fix =
      HttpError.isInstance(error) && [401, 403].includes(error.status)
        ? 'check INGO_SCOPE against the API, or ask Ingo'
        : 'check INGO_ENVIRONMENT or INGO_API_URL';
    return check('ingo api', 'fail', `the call failed: ${reasonOf(error)}`, fix);
  }
}

/**
@internal Ingo: a token with the configured authentication method (and the other one, when that
is refused), its lifetime, scope and the clock offset, then one call of the scope's API.
*/
export async function ingoChecks(settings: IngoSettings): Promise<DoctorCheck[]> {
  const first = await requestToken(settings, settings.authMethod);
  if ('error' in first) {
    const other = clientRefused(first.error)
      ? await requestToken(settings, settings.authMethod === 'basic' ? 'body' : 'basic')
      : undefined;
    return [tokenFailure(settings, first.error, other)];
  }
  const { token, skewMs } = first;
  const lifetime = Math.round((token.expiresAt - token.issuedAt) / 1000);
  return [
    check(
      'ingo token',
      'ok',
      `granted with INGO_AUTH_METHOD=${settings.authMethod}: scope ${token.scope}, lifetime ${lifetime} s`,
    ),
    clockCheck(
      'ingo clock',
      'Ingo',
      skewMs,
      30_000,
      'tokens are kept by this machine’s clock, so they may be refreshed too late',
    ),
    await apiCheck(settings, token),
  ];
}
