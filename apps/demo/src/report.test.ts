import { describe, expect, it } from 'vitest';
import { toCsv } from './report.js';
import type { ScreeningRow } from './screening-job.js';

const row = (overrides: Partial<ScreeningRow>): ScreeningRow => ({
  clientId: 1,
  account: 'ACC-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  overallBand: 'positive',
  bands: { emailAddress: 'positive' },
  errorCode: undefined,
  traceId: undefined,
  ...overrides,
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines', () => {
    const [, line] = toCsv([row({ name: 'Lovelace, "Ada"\nCountess' })]).split(/\n(?=1,)/);
    expect(line).toContain('"Lovelace, ""Ada""\nCountess"');
  });

  it('never writes a cell a spreadsheet would run as a formula', () => {
    const csv = toCsv([row({ name: '=HYPERLINK("http://evil","x")', account: '+cmd', email: '@SUM(1+1)' })]);
    const data = csv.split('\n')[1] ?? '';
    expect(data).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(data).toContain("'+cmd");
    expect(data).toContain("'@SUM(1+1)");
    for (const cell of data.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });
});
