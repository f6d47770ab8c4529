import { unreadCopy } from './buffered-body.js';

/** What `.withResponse()` resolves to: the data and what the HTTP exchange says of it. */
export interface CallResult<T> {
  /** What the call resolves to on its own. */
  readonly data: T;
  /**
  The final `Response` (the attempt that succeeded). Its body is unread: a copy of what the server
  sent, which the client read once to check it.
  */
  readonly response: Response;
  /** The server's request id (`x-request-id` or a similar header), when it sent one. */
  readonly requestId: string | undefined;
  /** HTTP attempts the call took, the first included. */
  readonly attempts: number;
  /** Milliseconds waited between attempts in all (backoff and `Retry-After`). */
  readonly retryDelayMs: number;
}

/**
The promise every call of a bridgekit client returns: it resolves to the data, and
`.withResponse()` and `.asResponse()` give what the exchange says of it (openai-node's
`APIPromise`). The call is sent once, when the promise is made; each method only reads its outcome.

@example
```
const {data, requestId, attempts} = await intend.clients.get(16).withResponse();
```
*/
export class CallPromise<T> extends Promise<T> {
  // `then`, `catch` and `finally` return plain promises, not further CallPromises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #result: Promise<CallResult<T>>;

  constructor(result: Promise<CallResult<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // biome-ignore lint/suspicious/noThenProperty: a promise's own `then`, routed to the call's outcome.
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // One hop, not two: each `await` of a call goes through here.
    return this.#result.then(
      onFulfilled ? (result) => onFulfilled(result.data) : (result) => result.data as unknown as A,
      onRejected,
    );
  }

  /** The data with the final response, the request id, the attempts and the time waited between them. */
  withResponse(): Promise<CallResult<T>> {
    // A copy per reader, so that each may read the body, made when read: a listing's pages read
    // only the request id and the attempts.
    return this.#result.then(({ data, response, requestId, attempts, retryDelayMs }) => {
      let copy: Response | undefined;
      return {
        data,
        get response() {
          copy ??= unreadCopy(response);
          return copy;
        },
        requestId,
        attempts,
        retryDelayMs,
      };
    });
  }

  /** The final `Response`, its body unread (a copy of what the server sent), for status, headers and the raw body. */
  asResponse(): Promise<Response> {
    return this.#result.then((result) => unreadCopy(result.response));
  }
}
