export { basicCredentials, formEncode } from '@bridgekit/http';
export type { AccessToken } from './access-token.js';
export type { ClientAuthenticationMethod } from './client-authentication.js';
export type {
  CheckMakerScoreRequest,
  CheckMakerScoreResponse,
  CorrelationDatum,
  DupexCounts,
  DupexInquiryRequest,
  DupexInquiryResponse,
  DupexStats,
  IdentityScoreRequest,
  IdentityScoreResponse,
  IngoAddress,
  MicrSource,
  ScoreGroup,
} from './ingo-api-types.js';
export { createIngoClient, type IngoClient } from './ingo-client.js';
export type { IngoCallOptions, IngoClientOptions, IngoClientStats } from './ingo-client-options.js';
export {
  type IngoApi,
  type IngoEndpoints,
  type IngoEnvironment,
  ingoApiPaths,
  ingoApiUrls,
  ingoScopes,
  ingoTokenUrls,
} from './ingo-environment.js';
export { type IngoProblemDetails, problemDetailsOf } from './problem-details.js';
export { type ScoreBand, scoreBand } from './score-band.js';
export { createTokenManager } from './token-manager.js';
export type {
  Fetch,
  GetTokenOptions,
  TokenFetchedEvent,
  TokenManagerOptions,
  TokenManagerStats,
  TokenRetryOptions,
} from './token-manager-options.js';
export type { TokenManager, TokenSource } from './token-source.js';
export {
  type Awaitable,
  createMemoryTokenStore,
  type MemoryTokenStoreOptions,
  type TokenStore,
  type TokenStoreLock,
} from './token-store.js';
export { version } from './version.js';
