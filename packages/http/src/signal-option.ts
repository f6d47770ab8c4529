import { ConfigurationError } from '@bridgekit/errors';

/**
Checks a `signal` option: an `AbortSignal`, or anything shaped like one (from another realm), with
`aborted`, `addEventListener` and `removeEventListener`. `fetch` itself refuses a look-alike, so
one that is not a signal is refused here, by name, before any request.

@example
```
checkSignal(options.signal);
```
*/
export function checkSignal(value: unknown, option = 'signal'): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (value instanceof AbortSignal) return value;
  const candidate = value as Partial<AbortSignal> | null;
  const shaped =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function';
  if (!shaped) throw new ConfigurationError({ option, expected: 'an AbortSignal', received: value });
  return value as AbortSignal;
}

/**
Runs `run` with a real `AbortSignal` that follows `lookAlike`, a signal from another realm or a
polyfill that `checkSignal` let through: ky combines the caller's signal with `AbortSignal.any()`
and waits out its retry delays with `signal.throwIfAborted()`, which a look-alike would fail, or
never trigger. The real signal follows the look-alike until `run` settles, and no longer.

@example
```
const signal = options.signal;
return signal instanceof AbortSignal ? send(signal) : withRealSignal(signal, send);
```
*/
export async function withRealSignal<T>(
  lookAlike: AbortSignal,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const follow = () => controller.abort(lookAlike.reason);
  if (lookAlike.aborted) follow();
  else lookAlike.addEventListener('abort', follow, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    lookAlike.removeEventListener('abort', follow);
  }
}
