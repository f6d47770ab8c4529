/// <reference lib="esnext.disposable" preserve="true" />
import { AbortError } from '@bridgekit/errors';
import { checkSignal } from './signal-option.js';

/**
`Symbol.asyncDispose`, or on a runtime without it the registered symbol that Babel's `await using`
(and core-js) fall back to.
*/
export const asyncDispose: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/**
The one switch a closable client or manager keeps: `close()` fires its signal with an
`AbortError` that names what was closed, every call in flight listens to that signal and is
tracked, and every later call rejects with an `AbortError` of the same message (a new one each
time, since a caller may attach its own fields, a listing's checkpoint, to it).

@example
```
const closing = new Closing('The Intend client');
const result = closing.run(options.signal, (signal) => send({...options, signal}));
await closing.close(); // aborts, then waits for every tracked promise to settle
```
*/
export class Closing {
  readonly #controller = new AbortController();
  readonly #what: string;
  /** The controllers of the calls in flight. */
  readonly #calls = new Set<AbortController>();
  /** Promises tracked (every call's among them) that have not settled yet. */
  #pending = 0;
  /** Resolves what `close()` returns, once nothing tracked is left. */
  #drained: (() => void) | undefined;
  #closed: Promise<void> | undefined;

  /** `what`: the subject of the error's message, e.g. `'The Intend client'`. */
  constructor(what: string) {
    this.#what = what;
  }

  /** Fires at `close()`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** A new error of the closing message, for a call refused or aborted; undefined while open. */
  get error(): AbortError | undefined {
    const { aborted, reason } = this.#controller.signal;
    return aborted ? new AbortError((reason as AbortError).message) : undefined;
  }

  /**
  Runs one call with a signal of its own that fires at `close()` or when the caller's `signal` (a
  look-alike from another realm too) does, its listener removed once the call settles, and tracks
  the call. Throws a `ConfigurationError` for a `signal` that is no signal, and the closing
  `AbortError` once closed.
  */
  run<T>(signal: unknown, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const given = checkSignal(signal);
    const refused = this.error;
    if (refused) throw refused;
    // Kept in a set that close() aborts, not as a listener of the client's signal: a client with
    // more than 10 calls in flight would make Node warn of a leak, and AbortSignal.any() would
    // keep one dependant per call on a signal that lives as long as the client.
    const call = new AbortController();
    const calls = this.#calls;
    calls.add(call);
    // Only a caller's signal needs a listener: most calls have none.
    const onCaller = given && (() => call.abort(given.reason));
    if (given?.aborted) call.abort(given.reason);
    else if (onCaller) given?.addEventListener('abort', onCaller, { once: true });
    let sent: Promise<T>;
    try {
      sent = send(call.signal);
    } catch (error) {
      // A call that throws before it sends still lets go of its listener.
      sent = Promise.reject(error);
    }
    return this.track(sent, () => {
      calls.delete(call);
      if (onCaller) given?.removeEventListener('abort', onCaller);
    });
  }

  /**
  Returns `promise`, which `close()` waits for (its failure is the caller's to see); `settled`
  runs once it has settled, before the caller hears of it.
  */
  track<T>(promise: Promise<T>, settled?: () => void): Promise<T> {
    // A count, not a set of promises: one `then` per call, on every call, is all it costs.
    this.#pending += 1;
    const done = (): void => {
      settled?.();
      this.#pending -= 1;
      if (this.#pending === 0) this.#drained?.();
    };
    promise.then(done, done);
    return promise;
  }

  /**
  Aborts, then resolves once every tracked promise has settled, those tracked meanwhile (a lock
  released after its aborted request) included. Later calls return the same promise.
  */
  close(): Promise<void> {
    this.#controller.abort(
      new AbortError(`${this.#what} was closed: close() was called, and it sends nothing more`),
    );
    for (const call of this.#calls) call.abort(this.#controller.signal.reason);
    this.#closed ??=
      this.#pending === 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            this.#drained = resolve;
          });
    return this.#closed;
  }
}
