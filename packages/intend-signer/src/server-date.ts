import { ConfigurationError } from '@bridgekit/errors';

/**
@internal
Reads a server's clock reading: an HTTP `Date` header (`Sat, 23 Nov 2024 13:53:20 GMT`), any
string `Date.parse` reads, a `Date`, or epoch milliseconds.
*/
export function parseServerDate(serverDate: unknown): number {
  const milliseconds =
    typeof serverDate === 'number'
      ? serverDate
      : serverDate instanceof Date
        ? serverDate.getTime()
        : typeof serverDate === 'string'
          ? Date.parse(serverDate)
          : Number.NaN;
  if (Number.isFinite(milliseconds)) return milliseconds;
  throw new ConfigurationError({
    option: 'serverDate',
    expected:
      "a server's `Date` header such as 'Sat, 23 Nov 2024 13:53:20 GMT', a valid Date, or epoch milliseconds",
    received: serverDate,
  });
}
