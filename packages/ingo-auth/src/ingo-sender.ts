import { type Fetch, hasHooks, sendCall, withUserHooks } from '@bridgekit/http';
import ky, { type BeforeRetryHook, type KyInstance } from 'ky';
import { type AuthenticationEvents, authenticatedFetch, isTokenFailure } from './authenticated-fetch.js';
import { createIngoAnswers } from './ingo-answers.js';
import type { IngoClientCounters } from './ingo-client-counters.js';
import type { IngoClientSettings } from './ingo-client-settings.js';
import type { IngoApi } from './ingo-environment.js';

/** @internal Posts a helper's request and returns its checked answer. */
export interface IngoSender {
  /** The ky instance for the client's own `scope`: what `client.ky` is. */
  readonly base: KyInstance;
  /** Posts `body` as JSON to `url` with a token for `api`'s scope; resolves with the answer object. */
  readonly post: (
    api: IngoApi,
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ) => Promise<object>;
}

/** What a scope's calls are sent with: its ky instance, its authenticated fetch, and that fetch checking answers. */
interface Scoped {
  readonly instance: KyInstance;
  readonly fetch: Fetch;
  readonly checked: Fetch;
}

// A second guard, for a `shouldRetry` replaced through `ky.extend()`: a token failure stops here
// instead of starting another round of token requests.
const keepTokenFailures: BeforeRetryHook = ({ error }) => {
  if (isTokenFailure(error)) throw error;
};

/**
@internal Builds what the client sends with: one ky instance per scope, so that a helper's token
carries the scope its API checks, and, when the user gave no hooks, each call's first attempt
sent straight on the authenticated fetch (see `sendFirstAttempt`), with ky taking over the rest.
*/
export function createIngoSender(
  settings: IngoClientSettings,
  events: AuthenticationEvents,
  counters: IngoClientCounters,
): IngoSender {
  const answers = createIngoAnswers(settings.maxResponseBytes);
  const scoped = new Map<string | undefined, Scoped>();
  const scopedFor = (scope: string | undefined): Scoped => {
    let found = scoped.get(scope);
    if (!found) {
      const fetch = authenticatedFetch(settings.tokens, scope, settings.fetch, events);
      const checked = answers.wrap(fetch);
      const instance = ky.create({
        timeout: settings.timeout,
        retry: settings.retry,
        fetch: checked,
        headers: settings.headers,
        hooks: { beforeRetry: [keepTokenFailures, () => counters.retry()] },
      });
      found = { instance: withUserHooks(instance, settings.hooks), fetch, checked };
      scoped.set(scope, found);
    }
    return found;
  };
  const base = scopedFor(settings.scope).instance;
  // With hooks of the user's, every request goes through ky, so that they see them all.
  const direct = !hasHooks(settings.hooks);
  const jsonHeaders = new Headers(settings.headers);
  if (!jsonHeaders.has('content-type')) jsonHeaders.set('content-type', 'application/json');
  const firstAttemptInit = { method: 'POST', headers: Object.fromEntries(jsonHeaders) };

  const post: IngoSender['post'] = (api, url, body, signal) => {
    const { instance, fetch, checked } = scopedFor(settings.scopes[api] ?? settings.scope);
    return sendCall({
      instance,
      url,
      options: { method: 'post', json: body, ...(signal === undefined ? {} : { signal }) },
      answers,
      fetch: checked,
      timeout: settings.timeout,
      firstAttempt: direct
        ? { fetch, init: (signal) => ({ ...firstAttemptInit, body: JSON.stringify(body), signal }) }
        : undefined,
    });
  };
  return { base, post };
}
