import { ConfigurationError } from '@bridgekit/errors';

/** How a signature's bytes are written into the header. */
export type SignatureEncoding = 'hex' | 'base64';

const encoder = new TextEncoder();

/** @internal The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** @internal Writes `bytes` as lowercase hex or as standard, padded base64. */
export function encodeBytes(bytes: Uint8Array, encoding: SignatureEncoding): string {
  let text = '';
  if (encoding === 'hex') {
    for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
    return text;
  }
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/** A request body that can be signed: its bytes are known before it is sent. */
export type SignableBody = string | Uint8Array | ArrayBuffer | null | undefined;

/**
@internal
Checks that `body` is a signable body and returns its bytes, or `undefined` when the caller does
not need them (the scheme does not sign the body) or there is no body.
*/
export function bodyBytes(body: unknown, needed: boolean, option: string): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return needed ? utf8(body) : undefined;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new ConfigurationError({
    option,
    expected: 'a string, Uint8Array, ArrayBuffer, null or undefined',
    received: body,
    hint: 'Serialize the body before signing it (the signature covers its exact bytes), or sign through `intendAuth` with ky, which reads the bytes ky sends.',
  });
}

/**
@internal
Compares two signatures in time that depends only on the expected one's length, which the scheme
fixes and an attacker already knows, so the comparison leaks nothing about the expected value.
*/
export function constantTimeEqual(expected: string, received: string): boolean {
  let difference = expected.length === received.length ? 0 : 1;
  for (let index = 0; index < expected.length; index += 1) {
    // Past the end of `received`, charCodeAt is NaN, which `^` treats as 0: the loop still runs.
    difference |= expected.charCodeAt(index) ^ received.charCodeAt(index);
  }
  return difference === 0;
}
