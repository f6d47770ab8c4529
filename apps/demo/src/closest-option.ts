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

/** The known name nearest to `name`: a prefix match first (`--lim`), else the fewest edits. */
export function closestOption(name: string, known: readonly string[]): string | undefined {
  const prefixed = known.filter((each) => each.startsWith(name) || name.startsWith(each));
  const candidates = prefixed.length > 0 ? prefixed : known;
  let best: { name: string; distance: number } | undefined;
  for (const each of candidates) {
    const edits = distance(name, each);
    if (best === undefined || edits < best.distance) best = { name: each, distance: edits };
  }
  return best?.name;
}
