import type { ScreeningReport } from '../report-model.js';
import { summarize } from '../report-model.js';
import type { ScreeningRow } from '../screen-client.js';

/** A scored row, with any field replaced. */
export function sampleRow(overrides: Partial<ScreeningRow> = {}): ScreeningRow {
  return {
    clientId: 1,
    account: 'ACC-1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    overallBand: 'positive',
    scores: { emailAddress: 900, mobileNumber: 700, address: null },
    bands: { emailAddress: 'positive', mobileNumber: 'positive', address: 'not-found' },
    errorCode: null,
    traceId: null,
    retryable: null,
    ...overrides,
  };
}

/** A whole report around the given rows, as the demo writes it. */
export function sampleReport(rows: readonly ScreeningRow[]): ScreeningReport {
  const figures = summarize(rows, {
    mode: 'sandbox',
    complete: true,
    pagesFetched: 1,
    intendRetries: 0,
    ingoRetries: 0,
    tokenRequests: 1,
    scoringCalls: rows.length,
    wallTimeMs: 1234.4,
  });
  return {
    schemaVersion: 1,
    settings: {
      mode: 'sandbox',
      sandbox: { seed: 1, clients: rows.length, faultRate: 0, latencyMs: 0 },
      intendBaseUrl: null,
      concurrency: 8,
      limit: null,
      resumedFrom: null,
      rescoredFrom: null,
      startedAt: '2026-12-01T10:00:00.000Z',
      wallTimeMs: figures.wallTimeMs,
      versions: [{ name: '@bridgekit/demo', version: '0.0.0' }],
    },
    summary: {
      schemaVersion: 1,
      ...figures,
      report: { csv: 'out/a.csv', json: 'out/a.json', html: 'out/a.html' },
      checkpoint: null,
      retryFailedCommand: figures.failed > 0 ? 'pnpm demo --retry-failed out/a.json' : null,
    },
    rows,
  };
}
