import type { HostileCase } from './hostile-check.js';
import { pathName, withValue } from './hostile-values.js';
import { assertNoDefect, outcomeOf } from './outcome.js';

export type Path = readonly (string | number)[];

/** An option to attack, optionally on a base of its own (`scheme.algorithm` needs a scheme object). */
export interface OptionTarget {
  readonly path: Path;
  /** Options merged over the factory's base, or a function that makes them fresh for every run. */
  readonly base?: Record<string, unknown> | (() => Record<string, unknown>);
}

/** `['timeout']` or `{path: ['scheme', 'algorithm'], base: {...}}` */
export type OptionSpec = Path | OptionTarget;

function targetOf(spec: OptionSpec): OptionTarget {
  return Array.isArray(spec) ? { path: spec as Path } : (spec as OptionTarget);
}

const scheme = { stringToSign: 'key-timestamp' };

/** The signer's `scheme` and each of its fields (on a scheme object of their own). */
export const schemeOptions: readonly OptionSpec[] = [
  ['scheme'],
  ...['stringToSign', 'algorithm', 'encoding', 'timestampUnit'].map((field) => ({
    path: ['scheme', field],
    base: { scheme },
  })),
];

/** The options both clients hand to ky: fetch, timeout, retry, headers, hooks, user agent. */
export const kyOptions: readonly OptionSpec[] = [
  ['fetch'],
  ['timeout'],
  ['retry'],
  ['retry', 'limit'],
  ['retry', 'shouldRetry'],
  ['headers'],
  ['headers', 'x-extra'],
  ['hooks'],
  ['hooks', 'beforeRequest'],
  ['hooks', 'beforeRequest', 0],
  ['hooks', 'afterResponse', 0],
  ['userAgent'],
];

/**
Cases for every option of a factory: the factory gets `base()` with one option replaced; a
synchronous factory may throw only a BridgekitError; what it returns is exercised by `use`.
*/
export function optionCases<T>(
  factory: string,
  create: (options: unknown) => T,
  base: () => Record<string, unknown>,
  specs: readonly OptionSpec[],
  use: (created: T) => Promise<void>,
): HostileCase[] {
  return specs.map((spec) => {
    const { path, base: extra } = targetOf(spec);
    return {
      name: `${factory} option ${pathName(path)}`,
      async run(value) {
        const fresh = typeof extra === 'function' ? extra() : extra;
        const options = withValue({ ...base(), ...fresh }, path, value);
        const created = await outcomeOf(() => create(options), { async: false });
        assertNoDefect(created, factory);
        if (created.kind === 'value') await use(created.value as T);
      },
    };
  });
}

/** A case for an async method: the call must settle in time, rejecting only with a BridgekitError. */
export function asyncCase(name: string, call: (value: unknown) => unknown, deadlineMs?: number): HostileCase {
  return {
    name,
    async run(value) {
      assertNoDefect(
        await outcomeOf(
          () => call(value),
          deadlineMs === undefined ? { async: true } : { async: true, deadlineMs },
        ),
        name,
      );
    },
  };
}

/** A case for a sync method: it returns, or throws a BridgekitError. */
export function syncCase(name: string, call: (value: unknown) => unknown): HostileCase {
  return {
    name,
    async run(value) {
      assertNoDefect(await outcomeOf(() => call(value), { async: false }), name);
    },
  };
}

/** Runs an async call as part of exercising something made with a hostile option. */
export async function expectSettles(name: string, call: () => unknown, deadlineMs?: number): Promise<void> {
  assertNoDefect(
    await outcomeOf(call, deadlineMs === undefined ? { async: true } : { async: true, deadlineMs }),
    name,
  );
}

/** Runs a sync call as part of exercising something; returns what it returned, if anything. */
export async function expectReturns(name: string, call: () => unknown): Promise<unknown> {
  const outcome = await outcomeOf(call, { async: false });
  assertNoDefect(outcome, name);
  return outcome.kind === 'value' ? outcome.value : undefined;
}
