import { utf8 } from './encoding.js';
import { parseRequestUrl } from './request-url.js';

const hexDigits = '0123456789ABCDEF';

// RFC 3986 section 2.3: A-Z a-z 0-9 - . _ ~
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x5f ||
    byte === 0x7e
  );
}

/** Every byte except the unreserved characters as `%XX`, upper-case hex. */
function percentEncode(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += isUnreserved(byte)
      ? String.fromCharCode(byte)
      : `%${hexDigits[byte >> 4] ?? ''}${hexDigits[byte & 0xf] ?? ''}`;
  }
  return text;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
The bytes a query name or value stands for: each `%XX` is the byte XX, whatever it decodes to as
UTF-8 (so `%FF` stays 0xFF instead of becoming U+FFFD), `+` is a space as in a form, and a `%` that
starts no escape is itself. Other characters are their UTF-8 bytes; the URL parser leaves only
ASCII in a query, so these are ASCII.
*/
function decodeToBytes(text: string): Uint8Array {
  const input = utf8(text);
  const output = new Uint8Array(input.length);
  let length = 0;
  for (let index = 0; index < input.length; index += 1) {
    const byte = input[index] ?? 0;
    const high = byte === 0x25 ? hexValue(input[index + 1]) : -1;
    const low = high === -1 ? -1 : hexValue(input[index + 2]);
    if (low !== -1) {
      output[length] = high * 16 + low;
      index += 2;
    } else {
      output[length] = byte === 0x2b ? 0x20 : byte;
    }
    length += 1;
  }
  return output.subarray(0, length);
}

/**
Percent-encodes `text` as RFC 3986 section 2 says: every byte of its UTF-8 form except the
unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`, with upper-case hex digits. A lone
surrogate, which has no UTF-8 form, is encoded as U+FFFD.

@example
```
encodeRfc3986("Zoë's (1+1)*"); //=> 'Zo%C3%AB%27s%20%281%2B1%29%2A'
```
*/
export function encodeRfc3986(text: string): string {
  return percentEncode(utf8(text));
}

/** A parameter, encoded; `value` is undefined for a bare name (`?flag`), which differs from `?flag=`. */
interface EncodedParameter {
  readonly name: string;
  readonly value: string | undefined;
}

// The encoded strings are ASCII, so comparing code units is comparing bytes.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareParameters(a: EncodedParameter, b: EncodedParameter): number {
  const byName = compareText(a.name, b.name);
  if (byName !== 0 || a.value === b.value) return byName;
  if (a.value === undefined) return -1;
  if (b.value === undefined) return 1;
  return compareText(a.value, b.value);
}

/**
The query part of the canonical form, byte-exact: the query is split on `&` (empty segments
dropped) and each segment on its first `=`; names and values are decoded to bytes (`%XX` is that
byte, even when it is not valid UTF-8; `+` is a space) and re-encoded per RFC 3986 (see
{@link encodeRfc3986}). A bare name (`flag`) stays bare and differs from an empty value (`flag=`).
Parameters are sorted by encoded name, then a bare name before any value, then by encoded value,
in byte order, and joined with `&`. Repeated names are all kept. Empty when there is no query.

@example
```
canonicalQuery('https://acme.intend.com/api/clients?page=2&b=x+y&a=2&a=1&flag&f=%ff');
//=> 'a=1&a=2&b=x%20y&f=%FF&flag&page=2'
```
*/
export function canonicalQuery(url: string | URL): string {
  const query = parseRequestUrl(url, 'url').search.slice(1);
  const parameters: EncodedParameter[] = [];
  for (const segment of query.split('&')) {
    if (segment === '') continue;
    const equals = segment.indexOf('=');
    const name = equals === -1 ? segment : segment.slice(0, equals);
    parameters.push({
      name: percentEncode(decodeToBytes(name)),
      value: equals === -1 ? undefined : percentEncode(decodeToBytes(segment.slice(equals + 1))),
    });
  }
  parameters.sort(compareParameters);
  return parameters.map(({ name, value }) => (value === undefined ? name : `${name}=${value}`)).join('&');
}
