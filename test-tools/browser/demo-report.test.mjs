// The demo's HTML report, opened in a real headless chromium: it loads nothing, runs nothing,
// shows the JSON report's numbers, escapes client data and passes an accessibility scan.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demoMain = join(root, 'apps/demo/dist/main.js');
// The sandboxes are the demo's own dependency: load them as the demo does.
const fromDemo = createRequire(join(root, 'apps/demo/package.json'));
const { createIngoSandbox, createIntendSandbox } = await import(
  pathToFileURL(fromDemo.resolve('@bridgekit/sandbox')).href
);
const { ingoScopes } = await import(pathToFileURL(fromDemo.resolve('@bridgekit/ingo-auth')).href);

const hostileName = '<script>alert(1)</script>';
const bandKeys = {
  positive: 'positive',
  matched: 'matched',
  neutral: 'neutral',
  negative: 'negative',
  unknown: 'unknown',
  'not-found': 'notFound',
};

/** Runs the built demo as a user would, and reads back the report it wrote. */
async function runDemo(argv, env) {
  const out = await mkdtemp(join(tmpdir(), 'bridgekit-browser-'));
  const child = spawn(process.execPath, [demoMain, '--json', '--out', out, ...argv], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((done) => child.on('exit', done));
  expect(code, stderr).toBe(0);
  const summary = JSON.parse(stdout.trim().split('\n').at(-1));
  const report = JSON.parse(await readFile(summary.report.json, 'utf8'));
  expect((await readdir(out)).sort()).toEqual(
    ['csv', 'html', 'json'].map((extension) => summary.report[extension].split('/').at(-1)).sort(),
  );
  return { out, report, html: summary.report.html };
}

/** Opens a report page, recording console messages, dialogs and every request that is not the page. */
async function openPage(browser, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const seen = { console: [], dialogs: [], requests: [] };
  page.on('console', (message) => seen.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => seen.console.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  context.on('request', (request) => {
    if (request.url().split('#')[0] !== url) seen.requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, seen, url };
}

async function seriousViolations(page) {
  // Evaluated over the DevTools protocol: the page's own policy forbids every script, rightly.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  // A scan that checked nothing would pass too.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}

/** The checks every report page passes, against its own JSON report. */
async function expectPageToMatchReport(page, report) {
  const { summary, rows } = report;
  const bars = await page
    .locator('svg .bar')
    .evaluateAll((elements) =>
      elements.map((bar) => [bar.getAttribute('data-band'), Number(bar.getAttribute('data-count'))]),
    );
  const expected = Object.entries(bandKeys).map(([band, key]) => [band, summary.byBand[key]]);
  expect(Object.fromEntries(bars)).toEqual(Object.fromEntries([...expected, ['failed', summary.failed]]));
  // The count is also written beside each bar, for those who cannot tell the colours apart.
  for (const [band, count] of bars) {
    const text = await page.locator(`svg .bar[data-band="${band}"] .bar-value`).textContent();
    expect(text).toBe(String(count));
  }
  expect(await page.locator('.client-view:visible tbody tr').count()).toBe(rows.length);
  const failedIds = rows.filter((row) => row.overallBand === 'failed').map((row) => String(row.clientId));
  const listedFailures = await page.locator('table.failures tbody tr td:first-child').allTextContents();
  expect(listedFailures).toEqual(failedIds);
  expect(failedIds).toHaveLength(summary.failed);
}

describe('the demo report page in chromium', () => {
  let chromium;
  const cleanup = [];
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await Promise.all(cleanup.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('a sandbox run with failures: numbers, sorting without JavaScript, accessibility, screenshot', async () => {
    const { out, report, html } = await runDemo(['--sandbox-fault-rate', '0.3'], {});
    cleanup.push(out);
    expect(report.summary.failed).toBeGreaterThan(0);
    const { page, seen } = await openPage(chromium.browser, html);
    await expectPageToMatchReport(page, report);
    expect(await seriousViolations(page)).toEqual([]);

    await mkdir(join(root, 'out'), { recursive: true });
    await page.screenshot({ path: join(root, 'out/screening-report.png') });

    // Sorting is a link to another copy of the table: no script involved.
    await page.locator('.client-view:visible thead a[href="#clients-by-name"]').click();
    expect(await page.locator('.client-view:visible').getAttribute('id')).toBe('clients-by-name');
    const names = await page.locator('.client-view:visible tbody td.name').allTextContents();
    expect(names).toEqual([...names].sort((left, right) => left.localeCompare(right, 'en')));
    expect(names).toHaveLength(report.rows.length);
    expect(await seriousViolations(page)).toEqual([]);

    expect(seen.console).toEqual([]);
    expect(seen.requests).toEqual([]);
  });

  it('client data from Intend shows as text, never as markup', async () => {
    const intendCredentials = { apiKey: 'browser-test-key', secretKey: 'browser-test-secret-key-00' };
    const ingoClient = {
      clientId: 'browser-test',
      clientSecret: 'browser test secret',
      scopes: [ingoScopes.identityScore],
    };
    const intend = createIntendSandbox({ ...intendCredentials, clients: 30 });
    const [first, second] = intend.data.clients;
    first.first_name = hostileName;
    first.last_name = '"Quoted" & \'Co\'';
    second.account = '<img src=x onerror=alert(2)>';
    const ingo = createIngoSandbox({ clients: [ingoClient] });
    const servers = await Promise.all([intend.listen(), ingo.listen()]);
    try {
      const { out, report, html } = await runDemo([], {
        INTEND_BASE_URL: servers[0].url,
        INTEND_API_KEY: intendCredentials.apiKey,
        INTEND_SECRET_KEY: intendCredentials.secretKey,
        INGO_TOKEN_URL: `${servers[1].url}/connect/token`,
        INGO_API_URL: servers[1].url,
        INGO_CLIENT_ID: ingoClient.clientId,
        INGO_CLIENT_SECRET: ingoClient.clientSecret,
      });
      cleanup.push(out);
      const { page, seen } = await openPage(chromium.browser, html);
      await expectPageToMatchReport(page, report);
      const name = `${hostileName} "Quoted" & 'Co'`;
      expect(report.rows[0].name).toBe(name);
      expect(await page.locator('.client-view:visible tbody td.name').first().textContent()).toBe(name);
      expect(await page.getByText('<img src=x onerror=alert(2)>').first().isVisible()).toBe(true);
      expect(await page.locator('script, img').count()).toBe(0);
      expect(seen.dialogs).toEqual([]);
      expect(seen.console).toEqual([]);
      expect(seen.requests).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
