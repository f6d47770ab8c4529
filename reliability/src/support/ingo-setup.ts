import { createTokenManager, type TokenManager, type TokenManagerOptions } from '@bridgekit/ingo-auth';
import { ingoSandboxScopes } from '@bridgekit/sandbox';
import { credentials, tokenCapturingFetch } from './secrets.js';

/** The one client every Ingo sandbox of the suite accepts, with every scope. */
export const ingoSandboxClient: { clientId: string; clientSecret: string; scopes: string[] } = {
  clientId: credentials.ingoClientId,
  clientSecret: credentials.ingoClientSecret,
  scopes: Object.values(ingoSandboxScopes),
};

/**
A token manager with the suite's credentials for the identity score scope, whose fetch records
every token issued (for the leak audit); `extra` overrides any option.
*/
export function tokenManagerAt(tokenUrl: string, extra: Partial<TokenManagerOptions> = {}): TokenManager {
  return createTokenManager({
    tokenUrl,
    clientId: credentials.ingoClientId,
    clientSecret: credentials.ingoClientSecret,
    scope: ingoSandboxScopes.identityScore,
    fetch: tokenCapturingFetch(globalThis.fetch),
    ...extra,
  });
}
