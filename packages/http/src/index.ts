export { bufferedResponse, readBufferedBody } from './buffered-body.js';
export { type DurationOptionDescription, maxTimerDelay, resolveDuration } from './duration-option.js';
export { type Fetch, resolveFetch } from './fetch.js';
export { maxRetryLimit, type RetryVerdict, resolveRetryOptions } from './retry-options.js';
export { retryAfterStatuses, retryableStatuses } from './retryable-statuses.js';
export { checkStringRecord } from './string-record-option.js';
export { type FailedCallContext, toBridgekitError } from './to-bridgekit-error.js';
export { parseHttpUrl, resolveBaseUrl, type UrlOptionDescription } from './url-option.js';
export { checkHooks, withUserHooks } from './user-hooks.js';
