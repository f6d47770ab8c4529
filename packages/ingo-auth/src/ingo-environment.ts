/** Ingo's two published environments. `uat` is also what Ingo calls its sandbox. */
export type IngoEnvironment = 'uat' | 'production';

/** The Ingo APIs this package has typed helpers for. */
export type IngoApi = 'identityScore' | 'checkMakerScore' | 'dupexInquiry';

/** One absolute URL per API. */
export type IngoEndpoints = Readonly<Record<IngoApi, string>>;

/**
The OAuth scopes Ingo documents, one per API. Request several at once with a space-separated
`scope`, or give each API its own token with the client's `scopes` option.

@example
```
createTokenManager({environment: 'uat', clientId, clientSecret, scope: ingoScopes.identityScore});
```
*/
export const ingoScopes = {
  identityScore: 'https://apis.ingo.money/auth/insights/identity-score',
  checkMakerScore: 'https://apis.ingo.money/auth/insights/check-maker-score',
  dupexInquiry: 'https://apis.ingo.money/auth/insights/check/dupex',
  depositUnderwriting: 'https://apis.ingo.money/auth/deposit-underwriting',
} as const;

/** The documented token endpoints. */
export const ingoTokenUrls: Readonly<Record<IngoEnvironment, string>> = {
  uat: 'https://auth-uat.ingo.money/connect/token',
  production: 'https://auth.ingo.money/connect/token',
};

/**
The documented API URLs. Each API has its own host, so there is no single base URL; Ingo
publishes no production URL for the duplicate exchange, hence the empty string.
*/
export const ingoApiUrls: Readonly<Record<IngoEnvironment, IngoEndpoints>> = {
  uat: {
    identityScore: 'https://insights-uat.ingo.money/identity/score',
    checkMakerScore: 'https://insights-uat.ingo.money/check-maker/score',
    dupexInquiry: 'https://dupex-uat.ingo.money/inquiry',
  },
  production: {
    identityScore: 'https://insights.ingo.money/identity/score',
    checkMakerScore: 'https://insights.ingo.money/check-maker/score',
    dupexInquiry: '',
  },
};

/** The paths below a `baseUrl` (the sandbox, or a proxy in front of every Ingo host). */
export const ingoApiPaths: IngoEndpoints = {
  identityScore: 'identity/score',
  checkMakerScore: 'check-maker/score',
  dupexInquiry: 'dupex/inquiry',
};

/** @internal Whether a value names an environment. */
export function isIngoEnvironment(value: unknown): value is IngoEnvironment {
  return value === 'uat' || value === 'production';
}
