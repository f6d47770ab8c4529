import { ConfigurationError } from './configuration-error.js';

/** The edit distance between two strings (insertions, deletions, substitutions). */
function distance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current[column] = Math.min(substitution, (previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1);
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

const folded = (name: string) => name.toLowerCase().replaceAll(/[-_]/g, '');

/**
The known name nearest to `name`: the same name in another case or spelling (`client_type` for
`clientType`), else a prefix match (`--lim`), else the fewest edits.

@example
```
closestName('client_type', ['clientType', 'department']); //=> 'clientType'
```
*/
export function closestName(name: string, known: readonly string[]): string | undefined {
  const same = known.find((each) => folded(each) === folded(name));
  if (same !== undefined) return same;
  const prefixed = known.filter((each) => each.startsWith(name) || name.startsWith(each));
  const candidates = prefixed.length > 0 ? prefixed : known;
  let best: { name: string; distance: number } | undefined;
  for (const each of candidates) {
    const edits = distance(name, each);
    if (best === undefined || edits < best.distance) best = { name: each, distance: edits };
  }
  // A name that shares little with every known one gets no suggestion: a wild guess misleads.
  if (
    prefixed.length === 0 &&
    best !== undefined &&
    best.distance > Math.max(2, Math.floor(name.length / 2))
  ) {
    return undefined;
  }
  return best?.name;
}

/**
Refuses a key of `value` that is not in `known`, with a `ConfigurationError` that names it and the
closest known one: in plain JavaScript a typo (`retry: {attempts: 3}`, `{client_type: 'trade'}`)
would otherwise be ignored, with wrong results.

@example
```
checkKnownKeys(options.retry, ['limit', 'methods', 'statusCodes'], 'retry.');
```
*/
export function checkKnownKeys(value: object, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const closest = closestName(key, known);
    throw new ConfigurationError({
      option: `${prefix}${key}`,
      expected: `one of ${known.map((each) => `\`${each}\``).join(', ')}`,
      ...(closest === undefined ? {} : { hint: `Did you mean \`${prefix}${closest}\`?` }),
    });
  }
}
