export { type AttemptCounter, type AttemptCounting, countAttempts } from './attempt-counter.js';
export type { AttemptEvent, CallDescription } from './attempt-report.js';
export { isInsufficientScope } from './bearer-challenge.js';
export {
  type BearerEvents,
  type BearerToken,
  type BearerTokenSource,
  bearerFetch,
  isTokenFailure,
  keepTokenFailures,
} from './bearer-fetch.js';
export { defaultMaxResponseBytes, resolveBodyLimit } from './body-limit-option.js';
export { type BodyLimit, bufferedResponse, type RequestContext, readBufferedBody } from './buffered-body.js';
export { callHook } from './call-hook.js';
export { type CallOptions, callKyOptions, callOptionKeys } from './call-options.js';
export { CallPromise, type CallResult } from './call-promise.js';
export type { CallContext } from './call-trace.js';
export {
  type AnswerContext,
  type BodyVerdict,
  type CheckedFetch,
  createCheckedFetch,
  type WrapOptions,
} from './checked-fetch.js';
export { type CallOutcome, type ClientCall, sendCall } from './client-call.js';
export { basicCredentials, formEncode } from './client-credentials.js';
export { asyncDispose, Closing } from './closing.js';
export { Counters } from './counters.js';
export { type DurationOptionDescription, maxTimerDelay, resolveDuration } from './duration-option.js';
export { type Fetch, resolveFetch } from './fetch.js';
export type { InsecureRequestsOption, ResponseLimitOption } from './hostile-server-options.js';
export { type BodySource, parseJsonObject } from './json-object.js';
export { Log, type Logger, type LogLevel, type LogOptions, resolveLog } from './log.js';
export { refuseRedirects } from './no-redirects.js';
export { objectOption } from './object-option.js';
export { type RequestParts, requestContext, requestParts, withHeader } from './request-parts.js';
export { maxRetryLimit, type RetryVerdict, resolveRetryOptions } from './retry-options.js';
export { retryAfterStatuses, retryableStatuses } from './retryable-statuses.js';
export { checkSignal, withRealSignal } from './signal-option.js';
export { checkHeader, checkHeaders, checkStringRecord } from './string-record-option.js';
export { type FailedCallContext, toBridgekitError } from './to-bridgekit-error.js';
export { parseHttpUrl, resolveBaseUrl, type UrlOptionDescription } from './url-option.js';
export { checkHooks, readsAnswers, withUserHooks } from './user-hooks.js';
export { callerAborted, type Settled, settleWithin, sleep, untilAborted } from './waiting.js';
