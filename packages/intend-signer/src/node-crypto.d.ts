// The library build compiles with `types: []`, so no file can lean on Node's types by accident.
// node-crypto-backend.ts is the one file that runs only on Node; this declares exactly the part of
// node:crypto it calls, instead of adding @types/node to the build. The typecheck config excludes
// this file and checks node-crypto-backend.ts against the real @types/node, so a wrong claim here
// still fails the typecheck.
declare module 'node:crypto' {
  /** A key imported once by `createSecretKey`. Opaque here. */
  interface BridgekitHmacKey {
    readonly type: unknown;
  }
  interface BridgekitHmac {
    update(data: string | Uint8Array): BridgekitHmac;
    digest(encoding: 'hex' | 'base64'): string;
  }
  function createSecretKey(key: Uint8Array): BridgekitHmacKey;
  function createHmac(algorithm: 'sha256' | 'sha512', key: BridgekitHmacKey): BridgekitHmac;
  function createHash(algorithm: 'sha256'): BridgekitHmac;
  function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}
