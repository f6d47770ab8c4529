import {
  type BearerEvents,
  bearerFetch,
  type CallOptions,
  type CallResult,
  callKyOptions,
  countAttempts,
  type Fetch,
  keepTokenFailures,
  readsAnswers,
  sendCall,
  toBridgekitError,
  withUserHooks,
} from '@bridgekit/http';
import ky, { type KyInstance } from 'ky';
import type { AccessToken } from './access-token.js';
import { createIngoAnswers } from './ingo-answers.js';
import type { IngoClientCounters } from './ingo-client-counters.js';
import type { IngoClientSettings } from './ingo-client-settings.js';
import type { IngoApi } from './ingo-environment.js';

/** @internal Posts a helper's request and resolves with its checked answer and what the exchange says of it. */
export interface IngoSender {
  /** The ky instance for the client's own `scope`: what `client.ky` is. */
  readonly base: KyInstance;
  /**
  Posts `body` as JSON to `url` with a token for `api`'s scope, with the caller's `options`, and
  `signal`, the call's own (the caller's, or `close()`).
  */
  readonly post: (
    api: IngoApi,
    url: string,
    body: unknown,
    options: CallOptions,
    signal: AbortSignal,
  ) => Promise<CallResult<object>>;
}

/** What a scope's calls are sent with: its ky instance, and the scope its tokens carry. */
interface Scoped {
  readonly instance: KyInstance;
  readonly scope: string | undefined;
}

/**
@internal Builds what the client sends with: one ky instance per scope, so that a helper's token
carries the scope its API checks. Every call, hooks or not, goes through that instance.
*/
export function createIngoSender(
  settings: IngoClientSettings,
  events: BearerEvents<AccessToken>,
  counters: IngoClientCounters,
): IngoSender {
  const answers = createIngoAnswers(settings.maxResponseBytes);
  const answered = { copyBody: readsAnswers(settings.hooks) };
  // No hook of the client's own on the calls' instances: ky merges and runs every hook list on each
  // request. Each call counts its retries, and stops one after close() in its fetch (see sendCall).
  const instanceFor = (scope: string | undefined): KyInstance =>
    withUserHooks(
      ky.create({
        redirect: 'manual',
        timeout: settings.timeout,
        retry: settings.retry,
        fetch: answers.wrap(bearerFetch(settings.tokens, scope, settings.fetch, events)),
        headers: settings.headers,
      }),
      settings.hooks,
    );
  const scoped = new Map<string | undefined, Scoped>();
  const scopedFor = (scope: string | undefined): Scoped => {
    let found = scoped.get(scope);
    if (!found) {
      found = { instance: instanceFor(scope), scope };
      scoped.set(scope, found);
    }
    return found;
  };
  // `client.ky`, where a user's `shouldRetry` may replace the client's: a token failure still
  // stops there rather than start another round of token requests.
  const base = instanceFor(settings.scope).extend({ hooks: { beforeRetry: [keepTokenFailures] } });

  // The request path: one call through the scope's ky instance, every HTTP request counted, traced
  // and logged (a 401's resend with a fresh token too: the count is below the Bearer fetch), its
  // failure mapped once (with the call's own signal: a cancelled call is an AbortError).
  const post: IngoSender['post'] = (api, url, body, options, signal) => {
    const { instance, scope } = scopedFor(settings.scopes[api] ?? settings.scope);
    const where = { method: 'POST', url };
    const call = { ...where, client: 'ingo', channel: 'bridgekit:ingo:call', log: settings.log };
    const counter = countAttempts(settings.fetch, { call });
    // The call takes the checked value: its answer is copied only when `.withResponse()` reads it.
    const checked = answers.wrap(bearerFetch(settings.tokens, scope, counter.fetch, events), answered);
    // ky's attempts, above the Bearer fetch: a 401's resend is no retry.
    let attempts = 0;
    const kyOptions = {
      ...callKyOptions(options, settings.retry),
      method: 'post',
      json: body,
      fetch: ((input, init) => {
        if (attempts++) counters.add('retries');
        return checked(input, init);
      }) satisfies Fetch,
    };
    // `then` callbacks rather than a suspended async function: the call waits here (sendCall rejects, never throws).
    return counter.trace(() =>
      sendCall({ instance, url, options: kyOptions, answers, signal }).then(counter.result, (error) => {
        const mapped = toBridgekitError(error, {
          ...where,
          timeout: (kyOptions.timeout as number | undefined) ?? settings.timeout,
          signal,
          service: 'the Ingo API',
          reachHint: 'check `environment` or `baseUrl` and the network',
        });
        throw settings.scrubber.scrubError(mapped);
      }),
    );
  };
  return { base, post };
}
