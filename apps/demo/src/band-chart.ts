import { bandKeys, bandLabels, bandMeanings, bandsForDisplay } from './band-labels.js';
import type { ClientBand } from './client-band.js';
import { html, type SafeHtml } from './html-template.js';
import type { ScreeningFigures } from './report-model.js';

const width = 1040;
const labelWidth = 100;
const countWidth = 110;
const rowHeight = 32;
const barHeight = 18;

interface Bar {
  readonly band: ClientBand;
  readonly count: number;
}

/** One bar per band, failures last, in the order the page reads. */
export function chartBars(figures: ScreeningFigures): Bar[] {
  return [
    ...bandsForDisplay.map((band) => ({ band, count: figures.byBand[bandKeys[band]] })),
    { band: 'failed', count: figures.failed },
  ];
}

function share(count: number, total: number): string {
  if (total === 0) return '0%';
  const percent = (count / total) * 100;
  return percent > 0 && percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}

function bar(entry: Bar, index: number, largest: number, total: number): SafeHtml {
  const plot = width - labelWidth - countWidth;
  const length = largest === 0 ? 0 : Math.round((entry.count / largest) * plot);
  const top = index * rowHeight;
  const middle = top + rowHeight / 2;
  const band = entry.band;
  return html`<g class="bar" data-band="${band}" data-count="${entry.count}">
<text class="bar-label" x="0" y="${middle}" dominant-baseline="central">${bandLabels[band]}</text>
<rect class="track" x="${labelWidth}" y="${middle - barHeight / 2}" width="${plot}" height="${barHeight}" rx="4"/>
<rect class="fill-${band}" x="${labelWidth}" y="${middle - barHeight / 2}" width="${length}" height="${barHeight}" rx="4"/>
<text class="bar-count" x="${labelWidth + plot + 12}" y="${middle}" dominant-baseline="central"><tspan class="bar-value">${entry.count}</tspan><tspan class="bar-share" dx="8">${share(entry.count, total)}</tspan></text>
</g>`;
}

/**
A horizontal bar chart of clients per band, as inline SVG: each bar carries its label and count
as text (it reads in grey scale), and the chart's accessible name lists every count (it reads to a
screen reader).
*/
export function bandChart(figures: ScreeningFigures): SafeHtml {
  const bars = chartBars(figures);
  const largest = Math.max(...bars.map((entry) => entry.count));
  const described = bars.map((entry) => `${bandLabels[entry.band]} ${entry.count}`).join(', ');
  const height = bars.length * rowHeight;
  return html`<figure class="chart">
<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<title id="chart-title">Clients by overall band, of ${figures.listed}: ${described}.</title>
${bars.map((entry, index) => bar(entry, index, largest, figures.listed))}
</svg>
<ul class="legend">${bars.map(
    (entry) =>
      html`<li><span class="swatch fill-${entry.band}" aria-hidden="true"></span>${bandLabels[entry.band]}: ${bandMeanings[entry.band]}</li>`,
  )}</ul>
</figure>`;
}
