/// <reference lib="esnext.disposable" preserve="true" />
import { AbortError } from '@bridgekit/errors';
import { checkSignal, withRealSignal } from './signal-option.js';

/**
`Symbol.asyncDispose`, or the registered symbol TypeScript's `await using` falls back to on a
runtime without it, so that `await using` works wherever the caller's compiler made it work.
*/
export const asyncDispose: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/**
The one switch a closable client or manager keeps: `close()` fires its signal with an
`AbortError` that names what was closed, every call in flight listens to that signal and is
tracked, and every later call rejects with the same error.

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
  readonly #pending = new Set<Promise<unknown>>();
  #closed: Promise<void> | undefined;

  /** `what`: the subject of the error's message, e.g. `'The Intend client'`. */
  constructor(what: string) {
    this.#what = what;
  }

  /** Fires at `close()`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The error every call rejects with once closed; undefined while open. */
  get error(): AbortError | undefined {
    return this.#controller.signal.aborted ? (this.#controller.signal.reason as AbortError) : undefined;
  }

  /**
  Runs one call with a real signal that fires at `close()` or when the caller's `signal` does (a
  look-alike from another realm followed for this call only), and tracks it. Throws a
  `ConfigurationError` for a `signal` that is no signal, and the closing `AbortError` once closed.
  */
  run<T>(signal: unknown, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const given = checkSignal(signal);
    if (this.error) throw this.error;
    const own = this.#controller.signal;
    const joined = (real: AbortSignal) => send(AbortSignal.any([real, own]));
    if (given === undefined) return this.track(send(own));
    return this.track(given instanceof AbortSignal ? joined(given) : withRealSignal(given, joined));
  }

  /** Returns `promise`, which `close()` waits for (its failure is the caller's to see). */
  track<T>(promise: Promise<T>): Promise<T> {
    const pending = this.#pending;
    const settled: Promise<unknown> = promise.then(
      (): unknown => pending.delete(settled),
      (): unknown => pending.delete(settled),
    );
    pending.add(settled);
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
    this.#closed ??= (async () => {
      while (this.#pending.size > 0) await Promise.all(this.#pending);
    })();
    return this.#closed;
  }
}
