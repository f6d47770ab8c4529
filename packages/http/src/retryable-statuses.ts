import { isRetryableStatus } from '@bridgekit/errors';

/**
The statuses the clients retry, the same rule as `HttpError.retryable`: 408, 429 and every 5xx
but 501 and 505. One list, so that what is retried and what an error calls retryable agree.

@example
```
ky.create({retry: {statusCodes: [...retryableStatuses]}});
```
*/
export const retryableStatuses: readonly number[] = Object.freeze(
  Array.from({ length: 200 }, (_, index) => 400 + index).filter(isRetryableStatus),
);

/**
Of {@link retryableStatuses}, those whose `Retry-After` ky honours (RFC 9110 names it for 429 and 503).
*/
export const retryAfterStatuses: readonly number[] = Object.freeze([429, 503]);
