import fc from 'fast-check';

/** What a hostile user function throws: passing the caller's own error through is not a defect. */
export const userError: Error = new Error('thrown by a function the test passed in');

/**
Values every option and argument is tried with, each of them, before the random ones: wrong types,
`null`, huge and tiny numbers, `NaN`, empty and whitespace strings, objects where functions belong,
functions where data belongs, and values whose conversion to a string throws (symbols, objects
without a prototype). Not a function that never settles: the packages cannot cancel the caller's
own code (hooks, schemes, `secretFor` and store methods are awaited as they are); a fetch that never
answers is tried in the response checks, where `timeout` applies.
*/
export const specialValues: readonly unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  -1,
  1,
  0.5,
  Number.MIN_VALUE,
  1e-300,
  100_000,
  1e9,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  '',
  ' ',
  ' \t\n',
  '\n',
  'x',
  '0',
  '-1',
  'NaN',
  'null',
  '\u0000',
  '\uD800',
  'x'.repeat(100_000),
  'http://user:password@127.0.0.1:1/',
  'ftp://127.0.0.1/',
  '/relative/path',
  'not a url',
  true,
  false,
  {},
  [],
  [null],
  [1, 'x', {}],
  Object.create(null),
  // biome-ignore lint/suspicious/noThenProperty: a thenable that is no promise is one of the hostile values.
  { then: 1 },
  { valueOf: () => 1 },
  { toString: () => 'x' },
  () => undefined,
  async () => undefined,
  () => {
    throw userError;
  },
  Symbol('hostile'),
  10n,
  new Date(Number.NaN),
  new Date(0),
  /regular expression/,
  new Error('an error as a value'),
  new Map([['a', 1]]),
  new Set([1]),
  new Uint8Array([1, 2, 3]),
  new ArrayBuffer(4),
  new URL('http://127.0.0.1:1/'),
  new AbortController(),
  AbortSignal.abort(),
  Promise.resolve(1),
];

/** Random values on top of the special ones: any JSON-ish shape, strings, numbers, functions. */
export const randomHostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.func(fc.anything({ maxDepth: 1 })),
);

/**
`base` with the value at `path` replaced (intermediate objects and arrays copied or created);
the empty path replaces the whole of it.
*/
export function withValue(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = rest.length === 0 ? value : withValue(objectAt(base, head), rest, value);
  if (typeof head === 'number') {
    const array = Array.isArray(base) ? [...base] : [];
    array[head] = inner;
    return array;
  }
  const object = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } : {};
  return { ...object, [head]: inner };
}

function objectAt(base: unknown, key: string | number): unknown {
  return typeof base === 'object' && base !== null
    ? (base as Record<string | number, unknown>)[key]
    : undefined;
}

/** `hooks.beforeRequest.0` */
export function pathName(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(the whole options object)' : path.join('.');
}
