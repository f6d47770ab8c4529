import { describe, expect, it } from 'vitest';
import { formatSummary } from './summary-text.js';
import { sampleReport, sampleRow } from './testing/sample-report.js';

describe('formatSummary', () => {
  it('has one line per fact, failures by code, the rescore command, and ends with the page', () => {
    const failed = sampleRow({
      clientId: 2,
      overallBand: 'failed',
      scores: {},
      bands: {},
      errorCode: 'BRIDGEKIT_TIMEOUT_ERROR',
      retryable: true,
    });
    const lines = formatSummary(sampleReport([sampleRow(), failed]).summary).split('\n');
    const labels = lines.map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(labels).toEqual([
      'mode',
      'complete',
      'listed',
      'scored',
      'positive',
      'matched',
      'neutral',
      'negative',
      'unknown',
      'not found',
      'failed',
      'BRIDGEKIT_TIMEOUT_ERROR',
      'pages fetched',
      'Intend retries',
      'Ingo retries',
      'token requests',
      'scoring calls',
      'wall time',
      'report (csv)',
      'report (json)',
      'rescore failures',
      'report (html)',
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^rescore failures\s+pnpm demo --retry-failed out\/a\.json$/),
    );
    expect(lines.at(-1)).toMatch(/^report \(html\)\s+out\/a\.html$/);
    expect(lines).toContainEqual(expect.stringMatching(/^wall time\s+1\.23 s$/));
  });
});
