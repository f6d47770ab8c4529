/**
Calls a user's observability hook (`onTokenFetched`, `onStoreError`, ...) with `event`, when there
is one: whatever it throws is ignored, so that a hook never breaks the work it observes.

@example
```
callHook(options.onTokenFetched, {durationMs, attempts});
```
*/
export function callHook<T>(hook: ((event: T) => void) | undefined, event: T): void {
  try {
    hook?.(event);
  } catch {
    // Observability must never change the outcome.
  }
}
