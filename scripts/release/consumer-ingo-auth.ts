// Type-checks as a user's TypeScript project would (tsconfig written by the release check, once
// with moduleResolution nodenext and once with bundler), against the types from the registry.
import {
  type AccessToken,
  createIngoClient,
  createTokenManager,
  type IdentityScoreResponse,
  ingoScopes,
  scoreBand,
} from '@bridgekit/ingo-auth';

const tokens = createTokenManager({
  tokenUrl: 'http://127.0.0.1:4000/connect/token',
  clientId: 'client',
  clientSecret: 'secret',
  scope: ingoScopes.identityScore,
  authMethod: 'body',
});
const token: AccessToken = await tokens.getToken();
const revealed: string = token.accessToken.reveal();
const ingo = createIngoClient({ tokens, baseUrl: 'http://127.0.0.1:4000' });
const scores: IdentityScoreResponse = await ingo.identityScore({ emailAddress: 'jane@example.com' });
const band: 'positive' | 'neutral' | 'negative' | 'matched' | 'not-found' | 'unknown' = scoreBand(
  scores.emailAddress?.score,
);
// @ts-expect-error authMethod is 'basic' or 'body'
createTokenManager({ tokenUrl: 'http://x', clientId: 'c', clientSecret: 's', scope: 's', authMethod: 'jwt' });

export { band, revealed };
