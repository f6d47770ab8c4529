import { bandLabels } from './band-labels.js';
import { bandsByCaution, type ClientBand, type ScoredGroup, scoredGroups } from './client-band.js';
import { html, type SafeHtml } from './html-template.js';
import type { ScreeningRow } from './screen-client.js';

/**
Past this many rows the page holds the table in one order only: each other order is a full copy
of the table (sorting without JavaScript), and the CSV is the better tool for a tenant that large.
*/
export const sortableRowLimit = 2000;

const groupLabels: Readonly<Record<ScoredGroup, string>> = {
  emailAddress: 'Email',
  mobileNumber: 'Mobile',
  address: 'Address',
};

// What needs a look comes first when sorting by band.
const bandRank: readonly ClientBand[] = ['failed', ...bandsByCaution];

type Compare = (left: ScreeningRow, right: ScreeningRow) => number;

interface SortOrder {
  readonly id: string;
  readonly description: string;
  /** `aria-sort` of the column sorted by: band order is neither ascending nor descending. */
  readonly direction: 'ascending' | 'other';
  readonly compare: Compare;
}

const byId: Compare = (left, right) => left.clientId - right.clientId;

function byScore(group: ScoredGroup): Compare {
  // Lowest (riskiest) first; rows without a score for the group last.
  const value = (row: ScreeningRow) => row.scores[group] ?? Number.POSITIVE_INFINITY;
  return (left, right) => value(left) - value(right) || byId(left, right);
}

const orders: readonly SortOrder[] = [
  { id: 'clients-by-id', description: 'by client id', direction: 'ascending', compare: byId },
  {
    id: 'clients-by-name',
    description: 'by name',
    direction: 'ascending',
    compare: (left, right) => left.name.localeCompare(right.name, 'en') || byId(left, right),
  },
  {
    id: 'clients-by-band',
    description: 'by overall band, what needs a look first',
    direction: 'other',
    compare: (left, right) =>
      bandRank.indexOf(left.overallBand) - bandRank.indexOf(right.overallBand) || byId(left, right),
  },
  ...scoredGroups.map((group) => ({
    id: `clients-by-${group}`,
    description: `by ${groupLabels[group].toLowerCase()} score, lowest first`,
    direction: 'ascending' as const,
    compare: byScore(group),
  })),
];

/** A band as a coloured pill that also says its name. */
export function bandPill(band: ClientBand): SafeHtml {
  return html`<span class="pill pill-${band}">${bandLabels[band]}</span>`;
}

function scoreCell(row: ScreeningRow, group: ScoredGroup): SafeHtml {
  const score = row.scores[group];
  if (row.overallBand === 'failed') return html`<td class="number score-none">–</td>`;
  if (score === undefined) return html`<td class="number score-none">not sent</td>`;
  if (score === null) return html`<td class="number score-none">not found</td>`;
  // The colour repeats what the number says (the legend gives the scale), for scanning a long table.
  return html`<td class="number score-${row.bands[group] ?? 'unknown'}">${score}</td>`;
}

function clientRow(row: ScreeningRow): SafeHtml {
  return html`<tr><td class="number">${row.clientId}</td><td>${row.account}</td><td class="name">${row.name}</td><td>${row.email}</td><td>${bandPill(row.overallBand)}</td>${scoredGroups.map((group) => scoreCell(row, group))}</tr>`;
}

function header(order: SortOrder, sortable: boolean, label: string, id: string, numeric = false): SafeHtml {
  const className = numeric ? 'number' : undefined;
  const rowSpan = id.startsWith('clients-by-') && scoredGroups.some((group) => id.endsWith(group)) ? 1 : 2;
  if (!sortable) return html`<th scope="col" rowspan="${rowSpan}" class="${className}">${label}</th>`;
  const sorted = order.id === id ? html` aria-sort="${order.direction}"` : '';
  return html`<th scope="col" rowspan="${rowSpan}" class="${className}"${sorted}><a href="#${id}">${label}</a></th>`;
}

function view(rows: readonly ScreeningRow[], order: SortOrder, sortable: boolean): SafeHtml {
  const plain = (label: string) => html`<th scope="col" rowspan="2">${label}</th>`;
  const firstRow = [
    header(order, sortable, 'Client', 'clients-by-id', true),
    plain('Account'),
    header(order, sortable, 'Name', 'clients-by-name'),
    plain('Email'),
    header(order, sortable, 'Overall band', 'clients-by-band'),
    html`<th scope="colgroup" colspan="${scoredGroups.length}" class="group">Ingo scores</th>`,
  ];
  const secondRow = scoredGroups.map((group) =>
    header(order, sortable, groupLabels[group], `clients-by-${group}`, true),
  );
  const sorted = [...rows].sort(order.compare);
  const isDefault = order.id === 'clients-by-id';
  return html`<div class="client-view${isDefault ? ' default' : ''}" id="${order.id}">
<div class="table-scroll" tabindex="0" role="region" aria-label="All clients, ${order.description}">
<table class="clients"><caption>${rows.length} clients, ${order.description}${sortable ? ' (select a column heading to sort by it)' : ''}</caption>
<colgroup span="5"></colgroup><colgroup span="${scoredGroups.length}"></colgroup>
<thead><tr>${firstRow}</tr><tr>${secondRow}</tr></thead>
<tbody>${sorted.map(clientRow)}</tbody></table></div></div>`;
}

/** Every client, sortable without JavaScript: one copy per order, the one a heading links to shown. */
export function clientTable(rows: readonly ScreeningRow[]): SafeHtml {
  const sortable = rows.length <= sortableRowLimit;
  const shown = sortable ? orders : orders.slice(0, 1);
  return html`<div class="client-views">${shown.map((order) => view(rows, order, sortable))}</div>`;
}

/** The failed rows: who, why, the trace id Ingo support asks for, and whether a rescore may help. */
export function failureTable(rows: readonly ScreeningRow[]): SafeHtml {
  const failed = rows.filter((row) => row.overallBand === 'failed');
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Failed clients">
<table class="failures"><caption>${failed.length} clients could not be scored</caption>
<thead><tr><th scope="col" class="number">Client</th><th scope="col">Name</th><th scope="col">Error code</th><th scope="col">Trace id</th><th scope="col">Retryable</th></tr></thead>
<tbody>${failed.map(
    (row) =>
      html`<tr><td class="number">${row.clientId}</td><td class="name">${row.name}</td><td><code>${row.errorCode}</code></td><td><code>${row.traceId ?? '–'}</code></td><td>${row.retryable ? 'yes' : 'no'}</td></tr>`,
  )}</tbody></table></div>`;
}
