import { createIntendClient } from '@bridgekit/intend-client';
import { createIntendSandbox } from '@bridgekit/sandbox';
import { describe, expect, it } from 'vitest';
import { runScreening, type ScoreIdentity } from './screening-job.js';

const credentials = { apiKey: 'screening-key', secretKey: 'screening-secret-key-000' };

function screen(scoreIdentity: ScoreIdentity, clients = 3) {
  const sandbox = createIntendSandbox({ ...credentials, clients });
  const intend = createIntendClient({ baseUrl: 'https://intend.test', ...credentials, fetch: sandbox.fetch });
  return runScreening({
    intend,
    scoreIdentity,
    concurrency: 2,
    limit: undefined,
    signal: new AbortController().signal,
    resume: undefined,
    onProgress: () => undefined,
  });
}

const seen = { firstSeenOn: '01-02-2020', lastSeenOn: '03-04-2024' };

describe('runScreening bands', () => {
  it("uses the library's bands: 9999 is matched, a score off the scale is unknown, never positive", async () => {
    const result = await screen(async () => ({
      emailAddress: { score: 5000, ...seen },
      mobileNumber: { score: 9999, ...seen },
      address: null,
    }));
    expect(result.rows).toHaveLength(3);
    for (const row of result.rows) {
      expect(row.bands).toEqual({ emailAddress: 'unknown', mobileNumber: 'matched', address: 'not-found' });
      expect(row.overallBand).toBe('unknown');
    }
  });

  it('the overall band is the most cautious group', async () => {
    const result = await screen(async () => ({
      emailAddress: { score: 900, ...seen },
      mobileNumber: { score: 300, ...seen },
      address: { score: 99, ...seen },
    }));
    expect(result.rows.map((row) => row.overallBand)).toEqual(['negative', 'negative', 'negative']);
  });
});

describe('runScreening stops', () => {
  it('when the listing breaks off, even with several clients in flight', async () => {
    const sandbox = createIntendSandbox({ ...credentials, clients: 200 });
    sandbox.injectFault({ kind: 'status', status: 503, route: 'GET /api/clients', after: 2, times: 50 });
    const intend = createIntendClient({
      baseUrl: 'https://intend.test',
      ...credentials,
      fetch: sandbox.fetch,
      retry: { limit: 1 },
    });
    const result = await runScreening({
      intend,
      scoreIdentity: async () => ({ emailAddress: { score: 900, ...seen } }),
      concurrency: 4,
      limit: undefined,
      signal: new AbortController().signal,
      resume: undefined,
      onProgress: () => undefined,
    });
    expect(result.stoppedBy).toMatchObject({ status: 503, checkpoint: { page: 3 } });
    expect(result.rows).toHaveLength(100);
    expect(result.checkpoint?.page).toBe(3);
  });
});
