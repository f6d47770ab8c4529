import { ingoScopes } from '@bridgekit/ingo-auth';
import { createIngoSandbox, createIntendSandbox, type RunningSandbox } from '@bridgekit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreeningSummary } from './report-model.js';
import { csvRows, demo, expectFiguresToAddUp, workspace } from './testing/demo-harness.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('--retry-failed', () => {
  it('after a 30% fault run (none lost or repeated), ends with every client scored and the same rows as a fault-free run', async () => {
    const cwd = await workspace();
    const faulty = await demo(['--json', '--sandbox-fault-rate', '0.3'], { cwd });
    const failed = faulty.summary as ScreeningSummary;
    expect(faulty.code, faulty.stderr).toBe(0);
    expect(failed.failed).toBeGreaterThan(0);
    expect(failed.intendRetries).toBeGreaterThan(0);
    expect(failed.ingoRetries).toBeGreaterThan(0);
    expectFiguresToAddUp(failed);
    // Every client is scored or recorded as failed: none lost or repeated.
    const faultyRows = await csvRows(failed.report.csv);
    expect(faultyRows).toHaveLength(240);
    expect(new Set(faultyRows.map((row) => row.split(',')[0])).size).toBe(240);
    for (const row of faultyRows)
      expect(row).toMatch(/,(positive|matched|neutral|negative|unknown|not-found|failed),/);
    expect(failed.retryFailedCommand).toBe(
      `pnpm demo --retry-failed ${failed.report.json.slice(cwd.length + 1)}`,
    );

    const rescored = await demo(['--json', '--retry-failed', failed.report.json], { cwd });
    expect(rescored.code, rescored.stderr).toBe(0);
    const summary = rescored.summary as ScreeningSummary;
    expect(summary).toMatchObject({ listed: 240, scored: 240, failed: 0, retryFailedCommand: null });
    expectFiguresToAddUp(summary);
    // Only the failed clients were scored again.
    expect(summary.scoringCalls).toBe(failed.failed);

    const clean = await demo(['--json']);
    expect(await csvRows(summary.report.csv)).toEqual(
      await csvRows((clean.summary as ScreeningSummary).report.csv),
    );
  });

  it('calls Ingo only for the failed clients, as counted at the sandbox', async () => {
    const intendCredentials = { apiKey: 'retry-key', secretKey: 'retry-secret-key-000000' };
    const ingoClient = {
      clientId: 'retry',
      clientSecret: 'retry secret',
      scopes: [ingoScopes.identityScore],
    };
    const intend = createIntendSandbox({ ...intendCredentials, clients: 60 });
    const ingo = createIngoSandbox({
      clients: [ingoClient],
      faults: { routes: { 'POST /identity/score': { errorRate: 0.5 } } },
    });
    const [intendServer, ingoServer] = await Promise.all([intend.listen(), ingo.listen()]);
    running.push(intendServer, ingoServer);
    const env = {
      INTEND_BASE_URL: intendServer.url,
      INTEND_API_KEY: intendCredentials.apiKey,
      INTEND_SECRET_KEY: intendCredentials.secretKey,
      INGO_TOKEN_URL: `${ingoServer.url}/connect/token`,
      INGO_API_URL: ingoServer.url,
      INGO_CLIENT_ID: ingoClient.clientId,
      INGO_CLIENT_SECRET: ingoClient.clientSecret,
    };
    const cwd = await workspace();
    const first = (await demo(['--json'], { cwd, env })).summary as ScreeningSummary;
    expect(first.failed).toBeGreaterThan(0);

    ingo.setFaults({});
    ingo.stats.reset();
    const again = await demo(['--json', '--retry-failed', first.report.json], { cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(ingo.stats.count('POST /identity/score')).toBe(first.failed);
    expect(again.summary).toMatchObject({ listed: 60, failed: 0, scored: 60 });
  });

  it('refuses a file that is not a report of this demo, and --resume with it', async () => {
    const run = await demo(['--retry-failed', 'nowhere.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--retry-failed');
    const both = await demo(['--retry-failed', 'a.json', '--resume', 'b.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('one of the two');
  });
});
