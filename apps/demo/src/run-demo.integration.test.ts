import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startEmbeddedSandboxes } from './embedded-sandboxes.js';
import type { ScreeningReport, ScreeningSummary } from './report-model.js';
import { csvRows, demo, expectFiguresToAddUp, workspace } from './testing/demo-harness.js';

function expectCamelCaseKeys(value: unknown, path = 'report'): void {
  if (Array.isArray(value))
    for (const [index, item] of value.entries()) expectCamelCaseKeys(item, `${path}[${index}]`);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      expect(key, path).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expectCamelCaseKeys(item, `${path}.${key}`);
    }
}

describe('the demo, end to end over loopback', () => {
  it('screens 240 sandbox clients with one token and writes a consistent report', async () => {
    const run = await demo(['--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.summary as ScreeningSummary;
    expect(summary).toMatchObject({
      mode: 'sandbox',
      complete: true,
      listed: 240,
      scored: 240,
      tokenRequests: 1,
      failed: 0,
      pagesFetched: 5,
      retryFailedCommand: null,
    });
    expectFiguresToAddUp(summary);
    const rows = await csvRows(summary.report.csv);
    expect(rows).toHaveLength(240);
    expect(new Set(rows.map((row) => row.split(',')[0])).size).toBe(240);
    const json = JSON.parse(await readFile(summary.report.json, 'utf8')) as ScreeningReport;
    expect(json.rows).toHaveLength(240);
    expect(json.summary).toEqual(summary);
    expectCamelCaseKeys(json);
    expect(json.schemaVersion).toBe(1);
    expect(Number.isInteger(json.summary.wallTimeMs)).toBe(true);
    expect(json.settings).toMatchObject({
      mode: 'sandbox',
      sandbox: { seed: 1, clients: 240, faultRate: 0, latencyMs: 0 },
      concurrency: 8,
      limit: null,
      wallTimeMs: json.summary.wallTimeMs,
    });
    expect(json.settings.versions.map(({ name }) => name)).toEqual([
      '@bridgekit/demo',
      '@bridgekit/errors',
      '@bridgekit/http',
      '@bridgekit/ingo-auth',
      '@bridgekit/intend-client',
      '@bridgekit/intend-signer',
      '@bridgekit/sandbox',
    ]);
    for (const row of json.rows)
      for (const score of Object.values(row.scores))
        expect(score === null || typeof score === 'number').toBe(true);
    expect((await readFile(summary.report.html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
    expect(summary.byBand.positive + summary.byBand.neutral + summary.byBand.negative).toBeGreaterThan(0);
  });

  it('prints a readable summary without --json', async () => {
    const run = await demo(['--limit', '60']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/listed\s+60\n/);
    expect(run.stdout).toMatch(/scored\s+60\n/);
    expect(run.stdout).toMatch(/token requests\s+1/);
    expect(run.stdout).toContain('fetched Intend page 1');
  });

  it('--verbose logs every attempt and the token fetched on stderr, never a secret, and leaves --json on stdout alone', async () => {
    const run = await demo(['--json', '--verbose', '--limit', '10']);
    expect(run.code, run.stderr).toBe(0);
    const attempts = run.stderr.split('\n').filter((line) => line.startsWith('debug attempt '));
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(attempts[0]?.slice('debug attempt '.length) ?? '{}')).toMatchObject({
      client: 'intend',
      method: 'GET',
      status: 200,
    });
    const clients = new Set(attempts.map((line) => JSON.parse(line.slice('debug attempt '.length)).client));
    expect([...clients].sort()).toEqual(['ingo', 'intend']);
    expect(run.stderr).toMatch(/^info token fetched /m);
    expect(run.stderr).not.toMatch(/signature|secret|bearer|basic /i);
    expect((run.summary as ScreeningSummary).scored).toBe(10);
  });

  it('an interrupted run resumes, with its own settings, to the same report without rescoring', async () => {
    const settings = ['--clients', '500', '--limit', '300', '--concurrency', '4'];
    const whole = await demo(['--json', ...settings]);
    expect(whole.summary).toMatchObject({ listed: 300, scoringCalls: 300 });
    const controller = new AbortController();
    const cwd = await workspace();
    const interrupted = await demo(['--json', ...settings], {
      cwd,
      signal: controller.signal,
      // Page 3 arriving is the middle of a page's scoring, not a page boundary.
      onLine: (line) => {
        if (line.startsWith('fetched Intend page 3')) controller.abort();
      },
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('Resume with: pnpm demo --resume');
    const partial = interrupted.summary as ScreeningSummary;
    expect(partial.complete).toBe(false);
    expect(partial.listed).toBeLessThan(300);
    expectFiguresToAddUp(partial);
    // Only --resume: the limit and the sandbox size come from the checkpoint.
    const resumed = await demo(['--json', '--resume', partial.checkpoint as string], { cwd });
    expect(resumed.code, resumed.stderr).toBe(0);
    // Progress goes on from where the run resumed: its page, and the clients already listed.
    const checkpoint = JSON.parse(await readFile(partial.checkpoint as string, 'utf8')) as { page: number };
    expect(resumed.stderr).toContain(`listing from page ${checkpoint.page}`);
    const firstPage = resumed.stderr.split('\n').find((line) => line.startsWith('fetched Intend page'));
    expect(firstPage).toMatch(
      new RegExp(`^fetched Intend page ${checkpoint.page} \\(\\d+ clients listed\\)$`),
    );
    expect(Number(firstPage?.split('(')[1]?.split(' ')[0])).toBeGreaterThanOrEqual(partial.listed);
    const finished = resumed.summary as ScreeningSummary;
    expectFiguresToAddUp(finished);
    expect(finished.listed).toBe(300);
    expect(await csvRows(finished.report.csv)).toEqual(
      await csvRows((whole.summary as ScreeningSummary).report.csv),
    );
    // Clients finished before the interrupt are not scored again; at most the 4 in flight are.
    expect(partial.scoringCalls + finished.scoringCalls).toBeGreaterThanOrEqual(300);
    expect(partial.scoringCalls + finished.scoringCalls).toBeLessThanOrEqual(304);
    expect(finished.scoringCalls).toBe(300 - partial.listed);
  });

  it('refuses to resume a checkpoint under another configuration', async () => {
    const controller = new AbortController();
    const cwd = await workspace();
    const interrupted = await demo(['--json'], {
      cwd,
      signal: controller.signal,
      onLine: (line) => {
        if (line.startsWith('fetched Intend page 2')) controller.abort();
      },
    });
    const live = {
      INTEND_BASE_URL: 'https://acme.intend.test',
      INTEND_API_KEY: 'k',
      INTEND_SECRET_KEY: 's',
      INGO_CLIENT_ID: 'i',
      INGO_CLIENT_SECRET: 'c',
      INGO_ENVIRONMENT: 'uat',
    };
    const refused = await demo(['--resume', (interrupted.summary as ScreeningSummary).checkpoint as string], {
      cwd,
      env: live,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('sandbox mode');
  });

  it('an unreachable host is one sentence and the fix', async () => {
    const env = {
      INTEND_BASE_URL: 'http://127.0.0.1:9',
      INTEND_API_KEY: 'k',
      INTEND_SECRET_KEY: 'a-secret-key-for-nothing',
      INGO_TOKEN_URL: 'http://127.0.0.1:9/connect/token',
      INGO_API_URL: 'http://127.0.0.1:9',
      INGO_CLIENT_ID: 'i',
      INGO_CLIENT_SECRET: 'c',
    };
    const run = await demo(['--limit', '5'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Could not reach 127.0.0.1:9. Check INTEND_BASE_URL, INGO_TOKEN_URL or INGO_API_URL, and the network.',
    );
    expect(run.stderr).not.toContain('startPage');
    // Nothing was screened, so there is nothing to resume.
    expect(run.stderr).not.toContain('Resume with');
  });

  it('names exactly the missing variables of a partial configuration', async () => {
    const run = await demo([], { env: { INTEND_BASE_URL: 'https://acme.intend.com', INGO_CLIENT_ID: 'me' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Missing: INTEND_API_KEY (the Intend API key); INTEND_SECRET_KEY (the Intend secret key that signs each request); INGO_CLIENT_SECRET (the Ingo OAuth client secret); INGO_ENVIRONMENT (uat or production: where Ingo is), or INGO_TOKEN_URL and INGO_API_URL',
    );
    // Each missing variable is named once; those that are set are not named at all.
    for (const name of [
      'INTEND_API_KEY',
      'INTEND_SECRET_KEY',
      'INGO_CLIENT_SECRET',
      'INGO_TOKEN_URL',
      'INGO_API_URL',
    ])
      expect(run.stderr.split(name)).toHaveLength(2);
    expect(run.stderr).not.toContain('INTEND_BASE_URL');
    expect(run.stderr).not.toContain('INGO_CLIENT_ID');
  });

  it('accepts the -- that `pnpm demo -- --help` passes on', async () => {
    const run = await demo(['--', '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('--retry-failed FILE');
  });

  it('rejects bad flags with the fix', async () => {
    const run = await demo(['--sandbox-fault-rate', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sandbox-fault-rate');
    expect(run.stderr).toContain('--help');
  });

  it('runs unchanged against live endpoints from the environment, and never prints a secret', async () => {
    const sandboxes = await startEmbeddedSandboxes({ clients: 60, latency: 0, faultRate: 0 });
    try {
      const env = {
        INTEND_BASE_URL: sandboxes.intend.baseUrl,
        INTEND_API_KEY: sandboxes.intend.apiKey,
        INTEND_SECRET_KEY: sandboxes.intend.secretKey,
        INGO_TOKEN_URL: sandboxes.ingo.tokenUrl,
        INGO_API_URL: sandboxes.ingo.baseUrl,
        INGO_CLIENT_ID: sandboxes.ingo.clientId,
        INGO_CLIENT_SECRET: sandboxes.ingo.clientSecret,
      };
      const run = await demo(['--json'], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.summary).toMatchObject({ mode: 'live', listed: 60, tokenRequests: 1 });
      expect(sandboxes.tokensIssued()).toBe(1);

      const refused = await demo([], { env: { ...env, INTEND_SECRET_KEY: 'a-wrong-secret-key-000000' } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('The Intend API refused the credentials');
      for (const output of [run.stdout, run.stderr, refused.stdout, refused.stderr]) {
        expect(output).not.toContain(sandboxes.intend.secretKey);
        expect(output).not.toContain('a-wrong-secret-key-000000');
        expect(output).not.toContain(sandboxes.ingo.clientSecret);
      }
    } finally {
      await sandboxes.close();
    }
  });

  it('Ctrl-C (SIGINT) on the built program stops cleanly and says how to resume', async () => {
    const cwd = await workspace();
    const child = spawn(
      process.execPath,
      [new URL('../dist/main.js', import.meta.url).pathname, '--sandbox-latency', '20', '--concurrency', '2'],
      {
        cwd,
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('screened 50 clients') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('Resume with: pnpm demo --resume');
    expect(stdout).toMatch(/complete\s+no \(interrupted\)/);
  });
});
