import {
  type BodyLimit,
  bufferedResponse,
  handedOnRead,
  type RequestContext,
  readBufferedBody,
} from './buffered-body.js';
import type { Fetch } from './fetch.js';
import { fetched } from './fetched.js';
import { requestContext } from './request-parts.js';

/** Where an answer came from, for a body check and its messages. */
export interface AnswerContext {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
}

/**
What a body check concluded: the value the caller gets, or the HTTP failure status the body
describes (an API that reports failures inside a 200 answer), which ky then judges and retries
like any other, with the error to throw where no retry can follow.
*/
export type BodyVerdict<T> =
  | { readonly value: T }
  | { readonly failureStatus: number; readonly error: unknown };

/** A client's answers, read and checked once, inside ky's retry loop. */
export interface CheckedFetch<T> {
  /** `baseFetch`, with every successful answer read and checked before ky sees it. */
  readonly wrap: (baseFetch: Fetch, options?: WrapOptions) => Fetch;
  /** The checked value of a response a wrapped fetch returned; undefined for any other (one a user's hook made). */
  readonly valueOf: (response: Response) => { readonly value: T } | undefined;
  /** The value of an answer no wrapped fetch returned (one a user's hook made); throws what its body reports. */
  readonly reread: (response: Response, request: RequestContext) => Promise<T>;
}

/** How a wrapped fetch hands a client's checked answers on to ky. */
export interface WrapOptions {
  /**
  Hands ky each successful answer as a new `Response` whose body is unread, copied from the text
  read. `false` hands the answer on with its body read, and `.withResponse()` copies it only when
  its `response` is read: for a client's own calls, which take the checked value. Keep `true`
  wherever someone may read the body: a user's `afterResponse` hook (ky gives it a clone), or the
  client's ky instance called directly.
  @default true
  @example {copyBody: readsAnswers(options.hooks)}
  */
  readonly copyBody?: boolean;
}

/**
Reads and checks a client's answers inside ky's `fetch`, so that a body that breaks off is retried
like any other network failure, within ky's own timeout and retry budget, and the caller gets the
checked value, read once and with no clone. Every body, a failure's too, is read within `limit`.
`checkBody` sees the successful ones: it throws for a body that is no answer at all; a failure it
reports (`failureStatus`) becomes that HTTP status.

@example
```
const answers = createCheckedFetch((text) => ({value: JSON.parse(text)}), {bytes: 16 * 1024 * 1024});
const api = ky.create({fetch: answers.wrap(fetch)});
const response = await api.get('https://api.example.com/items');
const items = answers.valueOf(response)?.value;
```
*/
export function createCheckedFetch<T>(
  checkBody: (text: string, answer: AnswerContext) => BodyVerdict<T>,
  limit: BodyLimit,
): CheckedFetch<T> {
  const values = new WeakMap<Response, { readonly value: T }>();
  // Not an async helper: the answer to a call that succeeds (nearly all) is read with one await.
  const verdictOf = (text: string, response: Response, request: RequestContext) =>
    checkBody(text, {
      method: request.method,
      url: request.url,
      status: response.status,
      headers: response.headers,
    });
  const wrap =
    (baseFetch: Fetch, { copyBody = true }: WrapOptions = {}): Fetch =>
    (input, init) =>
      // The answer's wait in a `then`, not a suspended async function (see `countAttempts`).
      fetched(baseFetch, input, init).then(async (response) => {
        const request = requestContext(input, init);
        const text = await readBufferedBody(response, request, limit);
        if (!response.ok) return bufferedResponse(text, response);
        const verdict = verdictOf(text, response, request);
        if (!('value' in verdict)) return bufferedResponse(text, response, verdict.failureStatus);
        const answer = copyBody ? bufferedResponse(text, response) : handedOnRead(response, text);
        values.set(answer, verdict);
        return answer;
      });
  const reread = async (response: Response, request: RequestContext): Promise<T> => {
    const text = await readBufferedBody(response, request, limit);
    // `.withResponse()` copies it from its text, as for an answer the wrapped fetch read.
    handedOnRead(response, text);
    const verdict = verdictOf(text, response, request);
    if ('value' in verdict) return verdict.value;
    throw verdict.error;
  };
  return { wrap, valueOf: (response) => values.get(response), reread };
}
