/**
The OAuth scopes Ingo documents, one per API. The sandbox issues tokens for these (and any other
scope a configured client lists) and each API checks for its own.
*/
export const ingoSandboxScopes = {
  identityScore: 'https://apis.ingo.money/auth/insights/identity-score',
  checkMakerScore: 'https://apis.ingo.money/auth/insights/check-maker-score',
  dupexInquiry: 'https://apis.ingo.money/auth/insights/check/dupex',
  depositUnderwriting: 'https://apis.ingo.money/auth/deposit-underwriting',
} as const;

/** Splits a space-separated `scope` parameter, dropping empty parts and repeats. */
export function splitScopes(scope: string): string[] {
  return [...new Set(scope.split(/\s+/).filter((part) => part.length > 0))];
}
