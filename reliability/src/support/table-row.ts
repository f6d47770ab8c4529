/** One line of the figures table printed at the end of the run. */
export interface ReliabilityRow {
  /** Which part of the suite: Load, Faults, Expiry, Hostile input, Leak audit, Clock. */
  readonly section: string;
  readonly fault: string;
  readonly outcome: string;
  readonly retries: number | string;
  readonly lost: number | string;
  readonly tokenRequests: number | string;
}

/** Where the reporter finds a test's rows: the test's `meta`, which vitest hands to reporters. */
export const rowsKey = 'reliabilityRows';

/**
Adds a row to the table, through the running test's `meta` (the tests run in workers; the reporter
in the main process). Record before asserting, so a failing check still shows its figures.
*/
export function recordRow(task: { readonly meta: object }, row: ReliabilityRow): void {
  const meta = task.meta as Record<string, unknown>;
  const rows = (meta[rowsKey] as ReliabilityRow[] | undefined) ?? [];
  meta[rowsKey] = [...rows, row];
}
