import { describe, expect, it } from 'vitest';
import { toCsv } from './report-csv.js';
import type { ScreeningRow } from './screening-job.js';

const row = (overrides: Partial<ScreeningRow>): ScreeningRow => ({
  clientId: 1,
  account: 'ACC-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  overallBand: 'positive',
  scores: { emailAddress: 900 },
  bands: { emailAddress: 'positive' },
  errorCode: null,
  traceId: null,
  retryable: null,
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

  it('has a score and a band column per group; a group not found has a band and no score', () => {
    const [header, line] = toCsv([
      row({
        scores: { emailAddress: 900, mobileNumber: null },
        bands: { emailAddress: 'positive', mobileNumber: 'not-found' },
      }),
    ]).split('\n');
    expect(header).toBe(
      'client_id,account,name,email,overall_band,emailAddress_score,emailAddress_band,mobileNumber_score,mobileNumber_band,address_score,address_band,error_code,trace_id,retryable',
    );
    expect(line).toBe('1,ACC-1,Ada Lovelace,ada@example.com,positive,900,positive,,not-found,,,,,');
  });
});
