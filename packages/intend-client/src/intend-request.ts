import { parseRetryAfter } from '@bridgekit/errors';
import { toBridgekitError, withUserHooks } from '@bridgekit/http';
import { type IntendSigner, intendAuth } from '@bridgekit/intend-signer';
import ky, { isHTTPError, type KyInstance, type RetryOptions } from 'ky';
import { checkCallOptions, checkRequestTarget, type IntendRequestOptions } from './call-options.js';
import { intendHttpError, unwrapEnvelope } from './envelope.js';
import { createEnvelopeFetch, type EnvelopeFetch } from './envelope-fetch.js';
import type { IntendClientOptions } from './intend-client-options.js';
import { createUrlBuilder } from './request-url.js';
import { type ClientSettings, resolveClientOptions } from './resolve-client-options.js';

/** Sends one signed request and returns the envelope's `data`. */
export type IntendRequester = <T = unknown>(
  method: string,
  path: string,
  options?: IntendRequestOptions,
) => Promise<T>;

function createInstance(settings: ClientSettings, envelope: EnvelopeFetch): KyInstance {
  const sign = intendAuth(settings.signer);
  const instance = ky.create({
    baseUrl: settings.baseUrl,
    timeout: settings.timeout,
    retry: settings.retry,
    fetch: envelope.fetch,
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
  const envelope = createEnvelopeFetch(settings.fetch);
  const instance = createInstance(settings, envelope);
  const urlFor = createUrlBuilder(settings.baseUrl);
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
      const response = await instance(where.url, {
        method,
        ...(call.json === undefined ? {} : { json: call.json }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        ...(onRateLimited === undefined ? {} : { retry: reportingRateLimits(settings, onRateLimited) }),
      });
      const checked = envelope.dataOf(response);
      if (checked) return checked.data as T;
      // A user's afterResponse hook replaced the response: read the envelope from it again.
      const context = { ...where, status: response.status, headers: response.headers };
      return unwrapEnvelope(await response.text(), context) as T;
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
