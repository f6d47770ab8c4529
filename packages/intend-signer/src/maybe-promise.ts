/** @internal A value that some runtimes compute synchronously (node:crypto) and others not (Web Crypto). */
export type MaybePromise<T> = T | Promise<T>;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/**
@internal
Applies `next` to `value` without a microtask when `value` is already there. Signing on Node is
synchronous end to end, and skipping needless awaits is most of what keeps `sign()` close to raw
`createHmac` in the benchmark.
*/
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value as T);
}
