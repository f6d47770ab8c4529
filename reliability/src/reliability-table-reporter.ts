import type { Reporter, TestModule } from 'vitest/node';
import { type ReliabilityRow, rowsKey } from './support/table-row.js';

const sections = ['Load', 'Faults', 'Expiry', 'Hostile input', 'Hostile servers', 'Clock', 'Leak audit'];
const columns = ['fault', 'outcome', 'retries', 'lost', 'tokenRequests'] as const;
const headings = ['fault', 'outcome', 'retries used', 'records lost', 'token requests'];

function rowsOf(modules: ReadonlyArray<TestModule>): ReliabilityRow[] {
  const rows: ReliabilityRow[] = [];
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      const found = (test.meta() as Record<string, unknown>)[rowsKey];
      if (Array.isArray(found)) rows.push(...(found as ReliabilityRow[]));
    }
  }
  const rank = (row: ReliabilityRow) => {
    const index = sections.indexOf(row.section);
    return index === -1 ? sections.length : index;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** A plain-text table, one section heading above its rows. */
export function formatTable(rows: readonly ReliabilityRow[]): string {
  const cells = rows.map((row) => columns.map((column) => String(row[column])));
  const widths = headings.map((heading, column) =>
    Math.min(90, Math.max(heading.length, ...cells.map((line) => line[column]?.length ?? 0))),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd();
  const out = [line(headings), widths.map((width) => '-'.repeat(width)).join('-|-')];
  let section: string | undefined;
  rows.forEach((row, index) => {
    if (row.section !== section) {
      section = row.section;
      out.push(`[${section}]`);
    }
    out.push(line(cells[index] ?? []));
  });
  return out.join('\n');
}

/** Prints the figures every reliability test recorded, once, after the whole run (failed or not). */
export default class ReliabilityTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = rowsOf(testModules);
    if (rows.length === 0) return;
    process.stdout.write(`\nReliability figures (${rows.length} rows)\n${formatTable(rows)}\n\n`);
  }
}
