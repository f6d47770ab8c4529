import { expect, test } from 'vitest';
import { type CheckOptions, checkCases, describeReport, type HostileCase } from './hostile-check.js';
import { trackUnhandledRejections } from './outcome.js';
import { recordRow } from './table-row.js';

/** A named group of cases, checked as one test and shown as one row of the table. */
export type HostileGroup = readonly [name: string, cases: () => HostileCase[], options?: CheckOptions];

/**
Defines one test per group (every case with every hostile value: nothing but BridgekitErrors, as
rejections where the API is async, nothing past its deadline, heap under 1 GB), then a test that
no rejection went unhandled meanwhile.
*/
export function hostileGroupTests(part: string, groups: readonly HostileGroup[]): void {
  const unhandled = trackUnhandledRejections();
  test.for(groups.map(([name, cases, options]) => ({ name, cases, options })))(
    `Hostile input: ${part} $name`,
    { timeout: 120_000 },
    async ({ name, cases, options }, { task }) => {
      const report = await checkCases(cases(), options);
      recordRow(task, {
        section: 'Hostile input',
        fault: `${part} ${name}`,
        outcome: describeReport(report),
        retries: '-',
        lost: '-',
        tokenRequests: '-',
      });
      expect(report.defects, report.defects.join('\n')).toEqual([]);
      expect(report.maxHeapMb).toBeLessThan(1024);
    },
  );
  test(`Hostile input: no unhandled rejection in the ${part} checks`, () => {
    expect(unhandled()).toEqual([]);
  });
}
