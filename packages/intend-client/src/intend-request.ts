import { parseRetryAfter } from '@bridgekit/errors';
import {
  createCheckedFetch,
  type Fetch,
  hasHooks,
  sendCall,
  toBridgekitError,
  withUserHooks,
} from '@bridgekit/http';
import { type IntendSigner, intendAuth } from '@bridgekit/intend-signer';
import ky, { isHTTPError, type KyInstance, type RetryOptions } from 'ky';
import { checkCallOptions, checkRequestTarget, type IntendRequestOptions } from './call-options.js';
import { firstAttemptInit } from './direct-attempt.js';
import { checkEnvelope, intendHttpError } from './envelope.js';
import type { IntendClientOptions } from './intend-client-options.js';
import { createUrlBuilder } from './request-url.js';
import { type ClientSettings, resolveClientOptions } from './resolve-client-options.js';

/** Sends one signed request and returns the envelope's `data`. */
export type IntendRequester = <T = unknown>(
  method: string,
  path: string,
  options?: IntendRequestOptions,
) => Promise<T>;

function createInstance(settings: ClientSettings, fetch: Fetch): KyInstance {
  const sign = intendAuth(settings.signer);
  const instance = ky.create({
    baseUrl: settings.baseUrl,
    timeout: settings.timeout,
    retry: settings.retry,
    fetch,
    headers: settings.headers,
    hooks: {
      beforeRequest: [sign],
      // A retry may come seconds later (backoff, Retry-After): sign it again with a fresh timestamp.
      beforeRetry: [(state) => sign({ request: state.request })],
    },
  });
  return withUserHooks(instance, settings.hooks);
}

/** @internal A page's GET, told when the server asks to wait (a `429` with `Retry-After`). */
export type PageRequester = (
  path: string,
  options: IntendRequestOptions,
  onRateLimited: (waitMs: number) => void,
) => Promise<unknown>;

/**
The client's retry options, telling `onRateLimited` the wait a `429` asks for the moment ky decides
to retry it (a `beforeRetry` hook would run only after the wait).
*/
function reportingRateLimits(
  settings: ClientSettings,
  onRateLimited: (waitMs: number) => void,
): RetryOptions {
  const decide = settings.retry.shouldRetry;
  // The wait ky itself takes: `Retry-After`, capped at `maxRetryAfter` (the client's `timeout`).
  const cap = settings.retry.maxRetryAfter ?? settings.timeout;
  const report = (error: unknown, verdict: boolean | undefined) => {
    // Only ky's default path waits as `Retry-After` says; `true` means backoff, `false` no retry.
    if (verdict !== undefined || !isHTTPError(error) || error.response.status !== 429) return;
    const wait = parseRetryAfter(error.response.headers.get('retry-after'));
    if (wait !== undefined) onRateLimited(Math.min(wait, cap));
  };
  return {
    shouldRetry: (state) => {
      const verdict = decide?.(state);
      if (verdict instanceof Promise) {
        return verdict.then((settled) => {
          report(state.error, settled);
          return settled;
        });
      }
      report(state.error, verdict);
      return verdict;
    },
  };
}

/** @internal Builds the ky instance and the envelope-aware request function. */
export function createRequester(options: IntendClientOptions): {
  readonly request: IntendRequester;
  readonly requestPage: PageRequester;
  readonly ky: KyInstance;
  readonly signer: IntendSigner;
  readonly settings: ClientSettings;
} {
  const settings = resolveClientOptions(options);
  // The envelope is checked inside ky's fetch, so that a failure envelope is retried like its status.
  const envelope = createCheckedFetch(checkEnvelope, settings.maxResponseBytes);
  const envelopeFetch = envelope.wrap(settings.fetch);
  const instance = createInstance(settings, envelopeFetch);
  const urlFor = createUrlBuilder(settings.baseUrl);
  // With hooks of the user's, every request goes through ky, so that they see them all.
  const direct = !hasHooks(settings.hooks);
  const send = async <T>(
    method: string,
    path: string,
    options: IntendRequestOptions | undefined,
    onRateLimited: ((waitMs: number) => void) | undefined,
  ): Promise<T> => {
    checkRequestTarget(method, path);
    const call = checkCallOptions(options);
    const where = { method: method.toUpperCase(), url: urlFor(path, call.query) };
    try {
      const data = await sendCall({
        instance,
        url: where.url,
        options: {
          method,
          ...(call.json === undefined ? {} : { json: call.json }),
          ...(call.signal === undefined ? {} : { signal: call.signal }),
          ...(onRateLimited === undefined ? {} : { retry: reportingRateLimits(settings, onRateLimited) }),
        },
        answers: envelope,
        fetch: envelopeFetch,
        timeout: settings.timeout,
        firstAttempt: direct
          ? {
              fetch: settings.fetch,
              init: (signal) => firstAttemptInit(settings, { method, url: where.url }, call.json, signal),
            }
          : undefined,
      });
      // The envelope's `data` is what the caller asked for.
      return data as T;
    } catch (error) {
      throw settings.scrubber.scrubError(
        toBridgekitError(error, {
          ...where,
          timeout: settings.timeout,
          signal: call.signal,
          service: 'the Intend API',
          reachHint: 'check `baseUrl` and the network',
          mapHttpError: (response, body, cause) =>
            intendHttpError({ ...where, status: response.status, headers: response.headers, body, cause }),
        }),
      );
    }
  };
  const request: IntendRequester = (method, path, options) => send(method, path, options, undefined);
  const requestPage: PageRequester = (path, options, onRateLimited) =>
    send('GET', path, options, onRateLimited);
  return { request, requestPage, ky: instance, signer: settings.signer, settings };
}
