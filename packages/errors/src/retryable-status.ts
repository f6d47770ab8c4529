/**
Whether an HTTP status describes a passing condition, so that repeating the request may succeed:
408, 429 and every 5xx but 501 (Not Implemented) and 505 (HTTP Version Not Supported), which fail
the same way every time. The default of `HttpError.retryable`.

@example
```
isRetryableStatus(503); //=> true
isRetryableStatus(501); //=> false
```
*/
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
  );
}
