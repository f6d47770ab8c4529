/**
Parses `Retry-After` (delay-seconds or an HTTP-date, RFC 9110 section 10.2.3) into milliseconds.
Returns undefined when absent or unreadable.

@example
```
parseRetryAfter('3'); //=> 3000
```
*/
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
