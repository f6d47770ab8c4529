import { ConfigurationError, checkKnownKeys } from '@bridgekit/errors';
import type { Hooks, KyInstance } from 'ky';

const hookNames = ['init', 'beforeRequest', 'beforeRetry', 'beforeError', 'afterResponse'] as const;

/**
Checks a `hooks` option (ky's `Hooks`): an object whose known fields are arrays of functions.

@example
```
const hooks = checkHooks(options.hooks);
```
*/
export function checkHooks(hooks: unknown): Hooks | undefined {
  if (hooks === undefined) return undefined;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    throw new ConfigurationError({
      option: 'hooks',
      expected: 'an object of ky hook arrays',
      received: hooks,
    });
  }
  // A misspelt hook name would never run: refused like any unknown option.
  checkKnownKeys(hooks, hookNames, 'hooks.');
  for (const name of hookNames) {
    const list: unknown = (hooks as Record<string, unknown>)[name];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((hook) => typeof hook === 'function')) {
      throw new ConfigurationError({
        option: `hooks.${name}`,
        expected: 'an array of functions',
        received: list,
      });
    }
  }
  return hooks as Hooks;
}

/**
Adds the user's hooks after an instance's own, if it has any, through ky's `extend`, which appends
hook arrays: no hook list is merged by hand. An instance with no hook of its own is returned as it
is when the user gives none: ky merges and runs hook lists on every request.

@example
```
const api = withUserHooks(ky.create({fetch: signingFetch}), options.hooks);
```
*/
export function withUserHooks(instance: KyInstance, hooks: unknown): KyInstance {
  const checked = checkHooks(hooks);
  return checked === undefined ? instance : instance.extend({ hooks: checked });
}

/**
Whether `hooks` (a client's `hooks` option, checked or not) may read an answer's body: an
`afterResponse` hook reads ky's clone of each answer, and an `init` hook may add one (or
`onDownloadProgress`) per request. See the `copyBody` option of `createCheckedFetch`'s `wrap`.

@example
```
const callFetch = answers.wrap(fetch, {copyBody: readsAnswers(options.hooks)});
```
*/
export function readsAnswers(hooks: unknown): boolean {
  if (typeof hooks !== 'object' || hooks === null) return false;
  return ['afterResponse', 'init'].some((name) => {
    const list: unknown = Reflect.get(hooks, name);
    return Array.isArray(list) && list.length > 0;
  });
}
