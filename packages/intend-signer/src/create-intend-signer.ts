import { ConfigurationError, revealSecretOption, type Secret } from '@bridgekit/errors';
import { guardAgainstBrowser } from './browser-guard.js';
import type { CryptoBackend, HmacFunction } from './crypto-backend.js';
import { bodyBytes, type SignableBody } from './encoding.js';
import type { IntendHeaderNames, ResolvedHeaderNames } from './header-names.js';
import { andThen, type MaybePromise } from './maybe-promise.js';
import { parseRequestUrl } from './request-url.js';
import { parseServerDate } from './server-date.js';
import { resolveSharedOptions, type SharedOptions } from './shared-options.js';
import type { IntendScheme, IntendSignatureScheme, ResolvedScheme } from './signature-scheme.js';

/** Options of `createIntendSigner`. */
export interface IntendSignerOptions {
  /**
  The API key of your Intend application (Settings > Integration & System > Access Keys), sent
  as the `api-key` header.
  @example 'a0761d825272c0a394e80f6cfc48bf9a'
  */
  readonly apiKey: string;
  /**
  The secret key that signs requests; it is never sent. Its UTF-8 bytes are the HMAC key. Pass a
  `Secret` from `@bridgekit/errors` to keep it out of your own logs too.
  @example process.env.INTEND_SECRET_KEY
  */
  readonly secretKey: string | Secret;
  /**
  How requests are signed. Intend does not document its algorithm: the default is an assumption,
  see the README.
  @default 'key-timestamp'
  @example 'canonical-request'
  @example {stringToSign: 'key-timestamp', timestampUnit: 'ms', encoding: 'base64'}
  */
  readonly scheme?: IntendSignatureScheme;
  /**
  The clock, in epoch milliseconds. Inject one in tests.
  @default Date.now
  */
  readonly now?: () => number;
  /**
  Milliseconds added to `now()` for every timestamp, to make up for a local clock that is off.
  `adjustClock()` sets it from a server's `Date` header.
  @default 0
  @example 2500
  */
  readonly clockOffsetMs?: number;
  /**
  The authentication header names, if your server renamed them.
  @default {apiKey: 'api-key', timestamp: 'timestamp', signature: 'signature'}
  */
  readonly headerNames?: IntendHeaderNames;
  /**
  Allow creating a signer in a browser page. The secret key would be readable by anyone who can
  open the page, so this throws there unless set.
  @default false
  */
  readonly dangerouslyAllowBrowser?: boolean;
}

/** The request to sign. */
export interface IntendRequestToSign {
  /** The HTTP method. */
  readonly method: string;
  /** The absolute URL the request goes to, query included. Read only by schemes that sign it. */
  readonly url: string | URL;
  /** The exact body that will be sent. Read only by schemes that sign it. */
  readonly body?: SignableBody;
}

/** The authentication headers to add to a request: `api-key`, `timestamp`, `signature`. */
export type IntendAuthHeaders = Record<string, string>;

/** Signs Intend requests with one API key and secret key. */
export interface IntendSigner {
  /** The API key the signer sends. */
  readonly apiKey: string;
  /** The scheme's name: a built-in one, or `'custom'` for a `stringToSign` function. */
  readonly scheme: IntendScheme | 'custom';
  /** Whether the signature covers the request body, so that hooks read the body only then. */
  readonly signsBody: boolean;
  /** The milliseconds currently added to the clock. */
  readonly clockOffsetMs: number;
  /**
  Returns the three authentication headers for `request`, with a fresh timestamp.
  @example
  ```
  const headers = await signer.sign({method: 'GET', url: 'https://acme.intend.com/api/clients?page=2'});
  await fetch('https://acme.intend.com/api/clients?page=2', {headers});
  ```
  */
  sign(request: IntendRequestToSign): Promise<IntendAuthHeaders>;
  /**
  Sets the clock offset so that timestamps match the server's clock, from a server's `Date`
  header, a `Date`, or epoch milliseconds. An HTTP date has whole seconds, so the offset is
  accurate to about a second. Returns the new offset in milliseconds.
  @example
  ```
  signer.adjustClock(response.headers.get('date') ?? Date.now());
  ```
  */
  adjustClock(serverDate: string | Date | number): number;
}

// RFC 9110 5.6.2: a method is a token.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII only: API keys are printable identifiers, and this catches a stray space or newline.
const visibleAscii = /^[\x21-\x7e]+$/;

class Signer implements IntendSigner {
  readonly #apiKey: string;
  readonly #scheme: ResolvedScheme;
  readonly #names: ResolvedHeaderNames;
  readonly #clock: () => number;
  readonly #hmac: HmacFunction;
  readonly #backend: CryptoBackend;
  #offset: number;
  #lastMessage: string | undefined;
  #lastSignature: MaybePromise<string> = '';
  // The default scheme signs only the API key and a timestamp in whole seconds, so every request
  // within a second signs the same message: the last signature is reused instead of computed again.
  readonly #signatureOf = (message: string): MaybePromise<string> => {
    if (message !== this.#lastMessage) {
      const signature = this.#hmac(message);
      this.#lastMessage = message;
      this.#lastSignature = signature;
      // A failed asynchronous HMAC must not be handed out again.
      if (typeof signature !== 'string') {
        signature.catch(() => {
          if (this.#lastSignature === signature) this.#lastMessage = undefined;
        });
      }
    }
    return this.#lastSignature;
  };

  constructor(backend: CryptoBackend, options: IntendSignerOptions, shared: SharedOptions) {
    const { apiKey, clockOffsetMs } = options;
    if (typeof apiKey !== 'string' || !visibleAscii.test(apiKey)) {
      throw new ConfigurationError({
        option: 'apiKey',
        expected: 'a non-empty string of visible ASCII characters',
        received: apiKey,
        hint: 'Copy the API key from Settings > Integration & System > Access Keys; check for a stray space or newline.',
      });
    }
    if (
      clockOffsetMs !== undefined &&
      (typeof clockOffsetMs !== 'number' || !Number.isFinite(clockOffsetMs))
    ) {
      throw new ConfigurationError({
        option: 'clockOffsetMs',
        expected: 'a finite number of milliseconds',
        received: clockOffsetMs,
      });
    }
    this.#apiKey = apiKey;
    this.#scheme = shared.scheme;
    this.#names = shared.headerNames;
    this.#clock = shared.clock;
    this.#offset = clockOffsetMs ?? 0;
    this.#backend = backend;
    // The only place the secret is read. The backend imports it (Web Crypto on first use); the
    // signer itself keeps no copy.
    const secretKey = revealSecretOption(options.secretKey, 'secretKey');
    this.#hmac = backend.createHmac(secretKey, this.#scheme.algorithm, this.#scheme.encoding);
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  get scheme(): IntendScheme | 'custom' {
    return this.#scheme.name;
  }

  get signsBody(): boolean {
    return this.#scheme.signsBody;
  }

  get clockOffsetMs(): number {
    return this.#offset;
  }

  sign(request: IntendRequestToSign): Promise<IntendAuthHeaders> {
    try {
      if (typeof request !== 'object' || request === null) {
        throw new ConfigurationError({
          option: 'request',
          expected: 'an object {method, url, body?}',
          received: request,
        });
      }
      const { method, url } = request;
      if (typeof method !== 'string' || !token.test(method)) {
        throw new ConfigurationError({
          option: 'request.method',
          expected: "an HTTP method such as 'GET'",
          received: method,
        });
      }
      const parsedUrl = parseRequestUrl(url, 'request.url');
      const scheme = this.#scheme;
      const body = bodyBytes(request.body, scheme.signsBody, 'request.body');
      const timestamp = this.#timestamp();
      const apiKey = this.#apiKey;
      const names = this.#names;
      const message = scheme.message({ method, url: parsedUrl, body, apiKey, timestamp }, this.#backend);
      const headers = andThen(andThen(message, this.#signatureOf), (signature) => ({
        [names.apiKey]: apiKey,
        [names.timestamp]: timestamp,
        [names.signature]: signature,
      }));
      return Promise.resolve(headers);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  adjustClock(serverDate: string | Date | number): number {
    const server = parseServerDate(serverDate);
    this.#offset = Math.round(server - this.#clock());
    return this.#offset;
  }

  #timestamp(): string {
    const milliseconds = this.#clock() + this.#offset;
    if (milliseconds < 0) {
      throw new ConfigurationError({
        option: 'clockOffsetMs',
        expected: 'an offset that keeps the clock after 1970',
        received: this.#offset,
      });
    }
    return String(
      this.#scheme.timestampUnit === 's' ? Math.floor(milliseconds / 1000) : Math.floor(milliseconds),
    );
  }

  // What JSON.stringify, String() and util.inspect show: the scheme and clock offset, never a key.
  // The API key stays out too, as redactHeaders treats `api-key` as a credential.
  toJSON(): { scheme: string; clockOffsetMs: number } {
    return { scheme: this.#scheme.name, clockOffsetMs: this.#offset };
  }

  get [Symbol.toStringTag](): string {
    return 'IntendSigner';
  }

  static {
    // Node's util.inspect looks this symbol up with Symbol.for, so no `node:util` import is needed.
    Object.defineProperty(this.prototype, Symbol.for('nodejs.util.inspect.custom'), {
      value(this: Signer): string {
        return `IntendSigner { scheme: '${this.#scheme.name}', clockOffsetMs: ${this.#offset} }`;
      },
    });
  }
}

/**
@internal
Creates a signer on `backend`. The entries wrap this with their backend: Web Crypto by default,
node:crypto under the `node` condition.
*/
export function createSignerWith(backend: CryptoBackend, options: IntendSignerOptions): IntendSigner {
  const shared = resolveSharedOptions(options, '{apiKey, secretKey}');
  const { dangerouslyAllowBrowser } = options;
  if (dangerouslyAllowBrowser !== undefined && typeof dangerouslyAllowBrowser !== 'boolean') {
    throw new ConfigurationError({
      option: 'dangerouslyAllowBrowser',
      expected: 'a boolean',
      received: dangerouslyAllowBrowser,
    });
  }
  guardAgainstBrowser(dangerouslyAllowBrowser ?? false);
  return new Signer(backend, options, shared);
}
