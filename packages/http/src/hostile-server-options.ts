/** The option that lets a client's URLs use plain `http:` off the machine (see `parseHttpUrl`). */
export interface InsecureRequestsOption {
  /**
  Lets the client's URL options (`baseUrl`, `tokenUrl`, `endpoints`) use plain `http:` to a host
  that is not loopback. Off by default: credentials never travel in plaintext off the machine, and
  such a URL is a `ConfigurationError` (`localhost`, `127.0.0.0/8` and `::1` are always allowed).
  Turn it on only for a test network you control, such as a sandbox in a sibling container.
  @default false
  @example process.env.CI === 'true'
  */
  readonly allowInsecureRequests?: boolean;
}

/** The option that bounds every answer a client reads (see `resolveBodyLimit`). */
export interface ResponseLimitOption {
  /**
  The most bytes one response body may hold, counted after decompression. Past it the read stops,
  the stream is cancelled and the call fails with a `ResponseTooLargeError` (not retried), so an
  endless or hostile answer cannot exhaust memory.
  @default 16777216 (16 MiB)
  @example 64 * 1024 * 1024
  */
  readonly maxResponseBytes?: number;
}
