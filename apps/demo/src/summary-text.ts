import { bandKeys, bandLabels, bandsForDisplay } from './band-labels.js';
import type { ScreeningSummary } from './report-model.js';

type Line = readonly [label: string, value: string];

/** The summary on stdout: one line per fact, ending with the page to open. */
export function formatSummary(summary: ScreeningSummary): string {
  const lines: Line[] = [
    ['mode', summary.mode],
    ['complete', summary.complete ? 'yes' : 'no (interrupted)'],
    ['listed', String(summary.listed)],
    ['scored', String(summary.scored)],
    ...bandsForDisplay.map((band): Line => [`  ${bandLabels[band]}`, String(summary.byBand[bandKeys[band]])]),
    ['failed', String(summary.failed)],
    ...summary.failedByErrorCode.map(({ code, count }): Line => [`  ${code}`, String(count)]),
    ['pages fetched', String(summary.pagesFetched)],
    ['Intend retries', String(summary.intendRetries)],
    ['Ingo retries', String(summary.ingoRetries)],
    ['token requests', String(summary.tokenRequests)],
    ['scoring calls', String(summary.scoringCalls)],
    ['wall time', `${(summary.wallTimeMs / 1000).toFixed(2)} s`],
    ['report (csv)', summary.report.csv],
    ['report (json)', summary.report.json],
  ];
  if (summary.checkpoint) lines.push(['checkpoint', summary.checkpoint]);
  if (summary.retryFailedCommand) lines.push(['rescore failures', summary.retryFailedCommand]);
  lines.push(['report (html)', summary.report.html]);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
