import type { HttpError } from '@bridgekit/errors';
import {
  CallPromise,
  type CallResult,
  type CheckedFetch,
  type Closing,
  countAttempts,
  createCheckedFetch,
  type Fetch,
  readsAnswers,
  sendCall,
  toBridgekitError,
  withUserHooks,
} from '@bridgekit/http';
import ky, { isHTTPError, type KyInstance, type Options } from 'ky';
import type { QueryParameters } from './assertions.js';
import { checkRequestTarget } from './assertions.js';
import { type CheckedCall, checkCallOptions, type IntendRequestOptions } from './call-options.js';
import { checkEnvelope, intendHttpError } from './envelope.js';
import type { IntendClientCounters } from './intend-client-counters.js';
import type { PageFetchEvents } from './page-queue.js';
import { createUrlBuilder } from './request-url.js';
import type { ClientSettings } from './resolve-client-options.js';
import { signingFetch } from './signing-fetch.js';

/** Sends one signed request and resolves with the envelope's `data`; `.withResponse()` tells more. */
export type IntendRequester = <T = unknown>(
  method: string,
  path: string,
  options?: IntendRequestOptions,
) => CallPromise<T>;

/** @internal A page's GET, told when ky waits out a `429` so that no other page starts meanwhile. */
export type PageRequester = (
  path: string,
  options: IntendRequestOptions,
  events: PageFetchEvents,
) => CallPromise<unknown>;

/** @internal What a request path is built from: the client's settings and what derived clients share. */
export interface RequestPathParts {
  readonly settings: ClientSettings;
  readonly counters: IntendClientCounters;
  /** Shared with the derived clients: `close()` aborts every call in flight and refuses the next. */
  readonly closing: Closing;
}

/**
A ky instance of the client's, then the user's hooks. It has no hook of its own: its fetch signs
every attempt (see `signingFetch`) and each call counts its own attempts and retries. `baseUrl` is
for `client.ky` alone: the calls send absolute URLs, which ky would otherwise scan against it.
*/
function createInstance(settings: ClientSettings, fetch: Fetch, baseUrl?: URL): KyInstance {
  const instance = ky.create({
    ...(baseUrl && { baseUrl }),
    redirect: 'manual',
    timeout: settings.timeout,
    retry: settings.retry,
    fetch,
    headers: settings.headers,
  });
  return withUserHooks(instance, settings.hooks);
}

/**
How far the server's `Date` on a 401 is ahead of the clock the request was signed with (the local
clock plus `offsetMs`, the signer's offset then; negative: behind), when that is past
`tolerance`; undefined for any other answer.
*/
function clockSkew(response: Response, offsetMs: number, tolerance: number): number | undefined {
  if (response.status !== 401) return undefined;
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date)) return undefined;
  const skew = date - (Date.now() + offsetMs);
  return Math.abs(skew) > tolerance ? skew : undefined;
}

/** @internal Makes a call that cannot even be built (a bad record id) reject like one that failed. */
export function guarded<T>(make: () => CallPromise<T>): CallPromise<T> {
  try {
    return make();
  } catch (error) {
    return new CallPromise(Promise.reject(error));
  }
}

/** What one client's calls are sent with. */
interface RequestPath {
  readonly settings: ClientSettings;
  readonly counters: IntendClientCounters;
  readonly instance: KyInstance;
  readonly envelope: CheckedFetch<unknown>;
  readonly checkedFetch: Fetch;
  readonly urlFor: (path: string, query: QueryParameters | undefined) => string;
}

// long-code: request path. One call, top to bottom: options, the per-call fetch that counts
// attempts and 429 waits, ky, the clock correction, and the one mapping of failures. Not async
// itself (a path that throws first, Closing.run turns into a rejection).
function send<T>(
  { settings, counters, instance, envelope, checkedFetch, urlFor }: RequestPath,
  method: string,
  path: string,
  call: CheckedCall,
  signal: AbortSignal,
  events: PageFetchEvents | undefined,
): Promise<CallResult<T>> {
  const where = { method: method.toUpperCase(), url: urlFor(path, call.query) };
  const timeout = (call.kyOptions.timeout as number | undefined) ?? settings.timeout;
  let paused = false;
  const resume = () => {
    if (!paused) return;
    paused = false;
    events?.resumed();
  };
  // Counts the call's attempts, and tells a listing that ky waits out a 429 (for as long as ky's
  // own reading of Retry-After says: the wait ends at ky's beforeRetry, or when the call settles).
  // The signer's clock offset as each attempt goes out (the fetch below signs it next): a 401 is
  // judged against the clock it was signed with, which another call may have corrected since.
  let signedWithOffset = settings.signer.clockOffsetMs;
  // Whether an attempt of this send went out already: the next one is ky's retry (a clock resend
  // starts a new send, and is counted in `clockCorrections` instead).
  let sent = false;
  const counter = countAttempts(checkedFetch, {
    onResponse:
      events &&
      ((response) => {
        if (response.status !== 429 || paused) return;
        paused = true;
        events.paused();
      }),
    onAttempt: () => {
      counters.add('requests');
      if (sent) counters.add('retries');
      sent = true;
      signedWithOffset = settings.signer.clockOffsetMs;
    },
    call: { log: settings.log, client: 'intend', channel: 'bridgekit:intend:call', ...where },
  });
  const kyOptions: Options = { ...call.kyOptions, method, fetch: counter.fetch };
  if (call.json !== undefined) kyOptions.json = call.json;
  // Only a listing's page needs a hook of its own: ky waits out a 429 before it runs.
  if (events !== undefined) kyOptions.hooks = { beforeRetry: [resume] };
  // Every attempt and the clock's resend inside one traced call (when someone subscribes). The
  // call waits on `then` callbacks, not in a suspended async function: less kept alive per call
  // in flight. `sendCall` rejects, never throws.
  const attempt = (resent: boolean): Promise<CallResult<T>> =>
    sendCall({ instance, url: where.url, options: kyOptions, answers: envelope, signal }).then(
      (outcome) => {
        resume();
        // The envelope's `data` is what the caller asked for.
        return counter.result(outcome) as CallResult<T>;
      },
      (error: unknown) => {
        resume();
        // A 401 from a signer whose clock is off: correct it from the server's Date and send once more.
        const { signer, clockTolerance } = settings;
        const skew =
          !resent && isHTTPError(error)
            ? clockSkew(error.response, signedWithOffset, clockTolerance)
            : undefined;
        if (skew !== undefined) {
          // Corrected by a concurrent call meanwhile: send again on that correction.
          if (signer.clockOffsetMs === signedWithOffset) {
            signer.adjustClock(Date.now() + signedWithOffset + skew);
            counters.add('clockCorrections');
            settings.log.write('info', 'clock corrected', {
              client: 'intend',
              offsetMs: signer.clockOffsetMs,
            });
          }
          sent = false;
          return attempt(true);
        }
        // A call cancelled by its signal (a listing's page past the end, a caller's abort, close()) did not fail.
        if (!signal.aborted) counters.add('failures');
        throw settings.scrubber.scrubError(
          toBridgekitError(error, {
            ...where,
            timeout,
            signal,
            service: 'the Intend API',
            reachHint: 'check `baseUrl` and the network',
            mapHttpError: (failed, body, cause): HttpError =>
              intendHttpError({
                ...where,
                status: failed.status,
                headers: failed.headers,
                body,
                cause,
                clockSkewMs: clockSkew(failed, settings.signer.clockOffsetMs, settings.clockTolerance),
              }),
          }),
        );
      },
    );
  return counter.trace(() => attempt(false));
}

/** @internal Builds the client's one request path on ky: every call, every page and every retry go through it. */
export function createRequester({ settings, counters, closing }: RequestPathParts): {
  readonly request: IntendRequester;
  readonly requestPage: PageRequester;
  readonly ky: KyInstance;
} {
  // The envelope is checked inside ky's fetch, so that a failure envelope is retried like its status.
  const envelope = createCheckedFetch(checkEnvelope, settings.maxResponseBytes);
  const signed = signingFetch(settings.signer, settings.fetch);
  // The client's own calls take the checked value: their answers are copied only when read.
  const checkedFetch = envelope.wrap(signed, { copyBody: readsAnswers(settings.hooks) });
  // The calls' instance; each call gives it the checked fetch above, counted.
  const instance = createInstance(settings, checkedFetch);
  const urlFor = createUrlBuilder(settings.baseUrl);

  const path: RequestPath = { settings, counters, instance, envelope, checkedFetch, urlFor };
  // Checked first; then sent with a signal that also fires at close(), and tracked until it settles.
  const start = <T>(
    method: string,
    route: string,
    options?: IntendRequestOptions,
    events?: PageFetchEvents,
  ) => {
    try {
      checkRequestTarget(method, route);
      const call = checkCallOptions(options, settings.retry);
      return closing.run(call.signal, (signal) => send<T>(path, method, route, call, signal, events));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const request: IntendRequester = (method, route, options) => new CallPromise(start(method, route, options));
  const requestPage: PageRequester = (route, options, events) =>
    new CallPromise(start('GET', route, options, events));
  return { request, requestPage, ky: createInstance(settings, envelope.wrap(signed), settings.baseUrl) };
}
