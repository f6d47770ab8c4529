import type { KyInstance, Options } from 'ky';
import type { CheckedFetch } from './checked-fetch.js';
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
  const given = call.options.signal ?? undefined;
  if (given !== undefined && !(given instanceof AbortSignal)) {
    return withRealSignal(given, (signal) => sendCall({ ...call, options: { ...call.options, signal } }));
  }
  return send(call);
}

async function send<T>({ instance, url, options, answers }: ClientCall<T>): Promise<CallOutcome<T>> {
  const response = await instance(url, options);
  const checked = answers.valueOf(response);
  if (checked) return { value: checked.value, response };
  // Not a wrapped fetch's answer: a user's afterResponse hook replaced it.
  const method = (options.method ?? 'get').toUpperCase();
  return { value: await answers.reread(response, { method, url }), response };
}
