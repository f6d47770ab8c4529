import type { KyInstance, Options } from 'ky';
import type { CheckedFetch } from './checked-fetch.js';
import type { Fetch } from './fetch.js';
import { sendFirstAttempt } from './first-attempt.js';
import { withRealSignal } from './signal-option.js';

/** One call of a client built on ky with checked answers (see `sendCall`). */
export interface ClientCall<T> {
  /** The client's ky instance; its `fetch` is `fetch` below. */
  readonly instance: KyInstance;
  readonly url: string;
  /** This call's ky options: `method`, `json`, `signal`, `retry`. */
  readonly options: Options;
  /** The client's answers, checked inside ky's fetch. */
  readonly answers: CheckedFetch<T>;
  /** The `fetch` the instance sends with (`answers.wrap(...)`), for the retries ky takes over. */
  readonly fetch: Fetch;
  /** The client's `timeout`, which ky applies per attempt. */
  readonly timeout: number;
  /**
  The first attempt, sent without ky: on `fetch` (the client's fetch, before `answers.wrap`) with
  the init `init` makes for the attempt's signal, then checked with `answers.check`. Undefined
  when every request must go through ky (the user gave hooks).
  */
  readonly firstAttempt:
    | {
        readonly fetch: Fetch;
        readonly init: (signal: AbortSignal) => RequestInit | Promise<RequestInit>;
      }
    | undefined;
}

/**
Makes one call: its first attempt straight on `fetch` (`sendFirstAttempt`) when the client has
one, anything else through the ky instance; resolves with the checked value.

@example
```
const items = await sendCall({instance, url, options: {method: 'get'}, answers, fetch, timeout, firstAttempt});
```
*/
export function sendCall<T>(call: ClientCall<T>): Promise<T> {
  // A look-alike signal (another realm's) is swapped for a real one: ky relies on `AbortSignal.any()`.
  const given = call.options.signal ?? undefined;
  if (given !== undefined && !(given instanceof AbortSignal)) {
    return withRealSignal(given, (signal) => sendCall({ ...call, options: { ...call.options, signal } }));
  }
  const { url, answers, firstAttempt } = call;
  const method = (call.options.method ?? 'get').toUpperCase();
  const throughKy = async (fetch?: Fetch): Promise<T> => {
    const response = await call.instance(
      url,
      fetch === undefined ? call.options : { ...call.options, fetch },
    );
    const checked = answers.valueOf(response);
    // Not a wrapped fetch's: a user's afterResponse hook replaced it.
    return checked ? checked.value : answers.reread(response, { method, url });
  };
  if (firstAttempt === undefined) return throughKy();
  return sendFirstAttempt({
    send: async (signal) => {
      const init = firstAttempt.init(signal);
      // Awaited only when it is a promise: each await is a turn of the event loop's queue.
      const response = await firstAttempt.fetch(url, init instanceof Promise ? await init : init);
      return await answers.check(response, { method, url, signal });
    },
    timeout: call.timeout,
    signal: call.options.signal ?? undefined,
    fetch: call.fetch,
    handOver: throughKy,
  });
}
