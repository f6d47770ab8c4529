import type { KyInstance, Options } from 'ky';
import type { CheckedFetch } from './checked-fetch.js';
import type { Fetch } from './fetch.js';
import { withRealSignal } from './signal-option.js';

/** One call of a client built on ky with checked answers (see `sendCall`). */
export interface ClientCall<T> {
  /** The client's ky instance; its `fetch` is wrapped by `answers`. */
  readonly instance: KyInstance;
  readonly url: string;
  /** This call's ky options: `method`, `json`, `signal`, `retry`, `timeout`, `headers`, `fetch`. */
  readonly options: Options;
  /** The client's answers, checked inside ky's fetch. */
  readonly answers: CheckedFetch<T>;
  /**
  The call's own signal, which fires at the caller's (`options.signal`) and at `close()` (see
  `Closing.run`). With a caller's signal, ky is told this one, and cuts its wait between attempts
  short when it fires. Without, only `close()` fires it: each attempt goes through `options.fetch`
  on a signal that fires with it or with ky's timeout, and the call rejects as soon as it fires.
  */
  readonly signal?: AbortSignal | undefined;
}

/** What a call came to: the checked value and the final `Response` (its body already read into the value). */
export interface CallOutcome<T> {
  readonly value: T;
  readonly response: Response;
}

/**
Makes one call through the client's ky instance, hooks or not, and resolves with the checked
value and the final response. A look-alike signal (another realm's, a polyfill's) is swapped for a
real one that follows it: ky relies on `AbortSignal.any()`.

@example
```
const {value, response} = await sendCall({instance, url, options: {method: 'get'}, answers});
```
*/
export function sendCall<T>(call: ClientCall<T>): Promise<CallOutcome<T>> {
  const { signal, options } = call;
  const given = options.signal ?? undefined;
  if (signal !== undefined) {
    // Without a per-call fetch, the attempts cannot carry the signal: ky is told it.
    return given === undefined && options.fetch
      ? sendCancellable(call, signal)
      : send({ ...call, options: { ...options, signal } });
  }
  if (given !== undefined && !(given instanceof AbortSignal)) {
    return withRealSignal(given, (real) => sendCall({ ...call, options: { ...options, signal: real } }));
  }
  return send(call);
}

/**
A call whose signal ky never sees. ky turns a `signal` option into `AbortSignal.any()` on every
request, and Node keeps each such signal alive until the requests that listen to it are
collected: about 14 µs of CPU a call in a profile, and the largest share of the extra garbage
collection at concurrency 200. So the call's signal (which only `close()` fires, when the
caller gave none) reaches the attempts through the fetch, and settles the call at once when it
fires. ky's wait before a retry cannot hear it: that timer runs out on its own (a client caps it
at its `timeout`), and the retry's attempt is refused here, before it reaches `options.fetch`, so
nothing below (signing, counting, the network) sees it.
*/
function sendCancellable<T>(call: ClientCall<T>, cancel: AbortSignal): Promise<CallOutcome<T>> {
  if (cancel.aborted) return Promise.reject(cancel.reason);
  return new CancellableAttempts<T>(cancel, call.options.fetch as Fetch).run(call);
}

/**
One cancellable call's state, and the listener of both signals it hears (the call's, and the
signal of ky's attempt in flight): one object rather than a closure per listener and per attempt.
*/
class CancellableAttempts<T> implements EventListenerObject {
  readonly #cancel: AbortSignal;
  readonly #fetch: Fetch;
  /** The attempt in flight: its own controller, and ky's signal for it, listened to. */
  #attempt: AbortController | undefined;
  #kySignal: AbortSignal | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  /** ky's per-call `fetch`: each attempt on a signal that follows ky's (its timeout) and the call's. */
  readonly fetch: Fetch = (input, init) => {
    const cancel = this.#cancel;
    if (cancel.aborted) return Promise.reject(cancel.reason);
    this.#unfollow();
    const controller = new AbortController();
    this.#attempt = controller;
    const own = (input as Partial<Request>).signal;
    if (own?.aborted) controller.abort(own.reason);
    else if (own) {
      own.addEventListener('abort', this);
      this.#kySignal = own;
    }
    return this.#fetch(input, { ...init, signal: controller.signal });
  };

  constructor(cancel: AbortSignal, fetch: Fetch) {
    this.#cancel = cancel;
    this.#fetch = fetch;
  }

  run(call: ClientCall<T>): Promise<CallOutcome<T>> {
    return new Promise((resolve, reject) => {
      this.#reject = reject;
      this.#cancel.addEventListener('abort', this, { once: true });
      send({ ...call, options: { ...call.options, fetch: this.fetch } }).then(
        (outcome) => {
          this.#release();
          resolve(outcome);
        },
        (error: unknown) => {
          this.#release();
          reject(error);
        },
      );
    });
  }

  /** The call's signal settles the call at once; ky's stops the attempt in flight. */
  handleEvent(event: Event): void {
    const fired = event.target as AbortSignal;
    this.#attempt?.abort(fired.reason);
    if (fired !== this.#cancel) return;
    this.#release();
    this.#reject?.(fired.reason);
  }

  #unfollow(): void {
    this.#kySignal?.removeEventListener('abort', this);
    this.#kySignal = undefined;
  }

  #release(): void {
    this.#cancel.removeEventListener('abort', this);
    this.#unfollow();
  }
}

// A `then` rather than an async function: the call waits here for the whole exchange, and a
// suspended async function keeps more alive per call in flight.
function send<T>({ instance, url, options, answers }: ClientCall<T>): Promise<CallOutcome<T>> {
  let sent: Promise<Response>;
  try {
    sent = instance(url, options);
  } catch (error) {
    // ky runs `init` hooks and checks its options at once: a call rejects, it never throws.
    return Promise.reject(error);
  }
  return sent.then((response) => {
    const checked = answers.valueOf(response);
    if (checked) return { value: checked.value, response };
    // Not a wrapped fetch's answer: a user's afterResponse hook replaced it.
    const method = (options.method ?? 'get').toUpperCase();
    return answers.reread(response, { method, url }).then((value) => ({ value, response }));
  });
}
