import { createHash } from 'node:crypto';
import { bandChart } from './band-chart.js';
import { clientTable, failureTable } from './client-table.js';
import { html, SafeHtml } from './html-template.js';
import type { ReportSettings, ScreeningReport, ScreeningSummary } from './report-model.js';
import { reportPageStyle } from './report-page-style.js';

/**
Nothing may load, run or submit: the only thing the page is allowed is its own inline stylesheet,
named by hash. (`frame-ancestors` has no effect in a meta tag, so it is not listed.)
*/
export function contentSecurityPolicy(style: string): string {
  const hash = createHash('sha256').update(style).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

function figure(label: string, value: string | number, note?: string): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}${note ? html`<span class="sub">${note}</span>` : ''}</dd></div>`;
}

function headline(summary: ScreeningSummary): SafeHtml {
  const retries = summary.intendRetries + summary.ingoRetries;
  return html`<dl class="figures">
${figure('Clients listed', summary.listed)}
${figure('Scored', summary.scored, `${summary.byBand.positive} positive, ${summary.byBand.negative} negative`)}
${figure('Failed', summary.failed, summary.failed === 0 ? 'none' : 'can be rescored')}
${figure('Pages fetched', summary.pagesFetched, `${summary.intendRetries} Intend retries`)}
${figure('Token requests', summary.tokenRequests, `${summary.ingoRetries} Ingo retries`)}
${figure('Wall time', seconds(summary.wallTimeMs), `${retries} retries in all`)}
</dl>`;
}

function failures(report: ScreeningReport): SafeHtml {
  const { summary, rows } = report;
  if (summary.failed === 0) return html`<p>Every client was scored.</p>`;
  const command = summary.retryFailedCommand;
  return html`${failureTable(rows)}
${command ? html`<p>Rescore only these clients, keeping every other row:</p><code class="command">${command}</code>` : ''}`;
}

function settingsList(settings: ReportSettings): SafeHtml {
  const entries: [string, string][] = [
    ['Mode', settings.mode === 'sandbox' ? 'embedded sandboxes' : 'live'],
    ...(settings.sandbox
      ? ([
          ['Sandbox seed', String(settings.sandbox.seed)],
          ['Sandbox clients', String(settings.sandbox.clients)],
          ['Sandbox fault rate', String(settings.sandbox.faultRate)],
          ['Sandbox latency', `${settings.sandbox.latencyMs} ms`],
        ] as [string, string][])
      : []),
    ...(settings.intendBaseUrl ? ([['Intend', settings.intendBaseUrl]] as [string, string][]) : []),
    ['Concurrency', String(settings.concurrency)],
    ['Limit', settings.limit === null ? 'none' : String(settings.limit)],
    ...(settings.resumedFrom ? ([['Resumed from', settings.resumedFrom]] as [string, string][]) : []),
    ...(settings.rescoredFrom ? ([['Rescored from', settings.rescoredFrom]] as [string, string][]) : []),
    ['Started', settings.startedAt],
    ['Wall time', seconds(settings.wallTimeMs)],
    ...settings.versions.map(({ name, version }): [string, string] => [name, version]),
  ];
  return html`<dl class="settings">${entries.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/**
The HTML report: one self-contained page (no script, no request), readable without JavaScript.
Every value from Intend or from the run is escaped by `html`.
*/
export function renderReportPage(report: ScreeningReport): string {
  const { summary, settings } = report;
  const started = settings.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const status = summary.complete
    ? html`<span class="status">complete</span>`
    : html`<span class="status incomplete">incomplete</span>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${new SafeHtml(contentSecurityPolicy(reportPageStyle))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Screening report, ${started}</title>
<!-- The stylesheet is inserted verbatim: the policy allows exactly its hash, and it holds no client data. -->
<style>${new SafeHtml(reportPageStyle)}</style>
</head>
<body>
<header>
<h1>Identity screening ${status}</h1>
<p class="lede">${summary.listed} Intend clients screened with Ingo identity scores, ${settings.mode === 'sandbox' ? 'on the embedded sandboxes' : `live against ${settings.intendBaseUrl ?? 'Intend'}`}, started ${started}.</p>
${headline(summary)}
</header>
<main>
<section aria-labelledby="bands-heading"><h2 id="bands-heading">Clients by overall band</h2>
<p>A client's overall band is its most cautious group: any negative group wins, then a score off the scale, neutral, matched and positive.</p>
${bandChart(summary)}</section>
<section aria-labelledby="failures-heading"><h2 id="failures-heading">Failures</h2>
${failures(report)}</section>
<section aria-labelledby="clients-heading"><h2 id="clients-heading">All clients</h2>
${clientTable(report.rows)}</section>
<section aria-labelledby="settings-heading"><h2 id="settings-heading">How this run was made</h2>
${settingsList(settings)}</section>
</main>
<footer><p>Written by the bridgekit demo. Schema version ${report.schemaVersion}; the same rows are in the CSV and JSON files beside this page.</p></footer>
</body>
</html>
`;
  return page.text;
}
