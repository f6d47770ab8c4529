/// <reference lib="esnext.disposable" preserve="true" />
import { ConfigurationError } from '@bridgekit/errors';
import { asyncDispose, type BearerEvents, CallPromise, type CallResult, Closing } from '@bridgekit/http';
import type { KyInstance } from 'ky';
import type { AccessToken } from './access-token.js';
import { assertApiCall } from './assertions.js';
import type {
  CheckMakerScoreRequest,
  CheckMakerScoreResponse,
  DupexInquiryRequest,
  DupexInquiryResponse,
  IdentityScoreRequest,
  IdentityScoreResponse,
} from './ingo-api-types.js';
import { createIngoClientCounters, type IngoClientCounters } from './ingo-client-counters.js';
import type { IngoCallOptions, IngoClientOptions, IngoClientStats } from './ingo-client-options.js';
import { resolveIngoClientOptions } from './ingo-client-settings.js';
import type { IngoApi, IngoEndpoints } from './ingo-environment.js';
import { createIngoSender } from './ingo-sender.js';
import type { TokenSource } from './token-source.js';

/** What `createIngoClient` returns. */
export interface IngoClient {
  /** `POST /identity/score`: scores for an identity, email, phone, address, device and location. */
  identityScore(request: IdentityScoreRequest, options?: IngoCallOptions): CallPromise<IdentityScoreResponse>;
  /** `POST /check-maker/score`: the score of the account a check is drawn on. */
  checkMakerScore(
    request: CheckMakerScoreRequest,
    options?: IngoCallOptions,
  ): CallPromise<CheckMakerScoreResponse>;
  /** `POST /inquiry` on the duplicate exchange: whether another Ingo client accepted this check. */
  dupexInquiry(request: DupexInquiryRequest, options?: IngoCallOptions): CallPromise<DupexInquiryResponse>;
  /**
  The configured ky instance (Bearer token, 401 refresh, `apiVersion`, retries), for any other
  Ingo endpoint. Its tokens have the client's `scope`.
  */
  readonly ky: KyInstance;
  /** The URL each helper posts to (empty when unknown, as production dupex is). */
  readonly endpoints: IngoEndpoints;
  /** The token source in use. */
  readonly tokens: TokenSource;
  /** A snapshot of the counters this client and its derived clients share; see {@link IngoClientStats}. */
  readonly stats: IngoClientStats;
  /**
  A new client with `options` merged over this one's (`headers` merged name by name, any other
  option replaced), sharing its token manager (two derived clients share one token request) and
  its counters.
  @example
  ```
  const patient = ingo.withOptions({timeout: 120_000});
  ```
  */
  withOptions(options: Partial<Omit<IngoClientOptions, 'tokens'>>): IngoClient;
  /**
  Stops the client and every client derived from it: calls in flight are aborted (they reject
  with an `AbortError` saying the client was closed) and later calls reject the same way. Resolves
  once no call is left running. The token manager is yours: close it after the client.
  @example
  ```
  await ingo.close();
  await tokens.close();
  ```
  */
  close(): Promise<void>;
  /** `close()`, for `await using ingo = createIngoClient(...)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
Creates a client for the Ingo risk APIs. Every request carries a Bearer token from `tokens` and
the `apiVersion` header; a 401 invalidates that token and sends the request once more with a
fresh one (not for `insufficient_scope`, nor a 403); API failures are retried with backoff, token
failures are not (the token manager retried them); problem details become `@bridgekit/errors`
classes that carry Ingo's `traceId`.

@example
```
import {createIngoClient, createTokenManager, ingoScopes} from '@bridgekit/ingo-auth';

const tokens = createTokenManager({environment: 'uat', clientId, clientSecret, scope: ingoScopes.identityScore});
const ingo = createIngoClient({tokens, environment: 'uat'});
const scores = await ingo.identityScore({emailAddress: 'jane@example.com'});
```
*/
export function createIngoClient(options: IngoClientOptions): IngoClient {
  return clientWith(options, createIngoClientCounters(), new Closing('The Ingo client'));
}

function clientWith(options: IngoClientOptions, counters: IngoClientCounters, closing: Closing): IngoClient {
  const settings = resolveIngoClientOptions(options);
  const { endpoints, tokens } = settings;
  const events: BearerEvents<AccessToken> = {
    request: () => counters.add('requests'),
    authenticationRetry: () => counters.add('authenticationRetries'),
    tokenUsed: (token) => settings.scrubber.add(token.accessToken),
  };
  const sender = createIngoSender(settings, events, counters);

  const failed = (error: unknown): never => {
    counters.add('failures');
    throw error;
  };
  // Waits on a `then` rather than in a suspended async function: less kept alive per call in flight.
  const send = <T>(api: IngoApi, body: unknown, callOptions?: IngoCallOptions): Promise<CallResult<T>> => {
    counters.add('calls');
    const url = endpoints[api];
    try {
      assertApiCall(api, url, body, callOptions);
      return closing
        .run(callOptions?.signal, (signal) => sender.post(api, url, body, callOptions ?? {}, signal))
        .then(undefined, failed) as Promise<CallResult<T>>;
    } catch (error) {
      counters.add('failures');
      return Promise.reject(error);
    }
  };
  /** One helper: `api`'s call with a request and call options. */
  const helper =
    <T>(api: IngoApi) =>
    (body: unknown, callOptions?: IngoCallOptions) =>
      new CallPromise(send<T>(api, body, callOptions));
  const close = () => closing.close();

  return {
    identityScore: helper<IdentityScoreResponse>('identityScore'),
    checkMakerScore: helper<CheckMakerScoreResponse>('checkMakerScore'),
    dupexInquiry: helper<DupexInquiryResponse>('dupexInquiry'),
    ky: sender.base,
    endpoints,
    tokens,
    get stats(): IngoClientStats {
      return counters.snapshot();
    },
    withOptions(more) {
      if (typeof more === 'object' && more !== null && 'tokens' in more) {
        throw new ConfigurationError({
          option: 'tokens',
          expected: 'options that keep the token manager (withOptions shares it)',
          hint: 'Create another client with createIngoClient() for another token source.',
        });
      }
      const merged = { ...options, ...more, headers: { ...options.headers, ...more.headers } };
      return clientWith(merged, counters, closing);
    },
    close,
    [asyncDispose]: close,
  };
}
