/**
A client's counters, and their only writer: the parts of the client report what happened with
`add()`, and `snapshot()` (a frozen copy) is the only way out.

@example
```
const counters = new Counters(['requests', 'retries'] as const);
counters.add('requests');
counters.snapshot(); // {requests: 1, retries: 0}
```
*/
export class Counters<Name extends string> {
  readonly #counts: Record<Name, number>;

  /** `names`: every counter, in the order the snapshot lists them. */
  constructor(names: readonly Name[]) {
    this.#counts = Object.fromEntries(names.map((name) => [name, 0])) as Record<Name, number>;
  }

  /** Counts one `name`. */
  add(name: Name): void {
    this.#counts[name] += 1;
  }

  /** The counts now, frozen. */
  snapshot(): Readonly<Record<Name, number>> {
    return Object.freeze({ ...this.#counts });
  }
}
