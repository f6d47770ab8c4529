// Writes BENCHMARKS.md from the rows the benchmarks recorded in this run (`pnpm bench`).

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const resultsFolder = join(import.meta.dirname, 'results');
const rows = existsSync(resultsFolder)
  ? readdirSync(resultsFolder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(resultsFolder, name), 'utf8')))
  : [];

const number = (value) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
const figure = (item, unit) => (item ? `${item.label}: ${number(item.value)} ${unit}` : '—');
const cell = (text) => text.replaceAll('|', '\\|');

const table = rows.map((row) =>
  [
    row.title,
    figure(row.subject, row.unit),
    figure(row.baseline, row.unit),
    (row.peers ?? []).map((peer) => figure(peer, row.unit)).join('<br>') || '—',
    row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}x ${row.ratioMeaning ?? ''}`,
    row.target,
    row.met ? 'met' : '**missed**',
    row.note ?? '',
  ]
    .map(cell)
    .join(' | '),
);

const cpu = cpus();
const lines = [
  '# Benchmarks',
  '',
  'Written by `pnpm bench` (`benchmarks/write-report.js`); do not edit by hand. Every figure is the',
  'median of several rounds, with the baseline and the peers run side by side in one run, against',
  'servers on 127.0.0.1 (the timed ones in a process of their own). The packages are timed as built',
  'and loaded natively, as users load them. Each sample starts after the one before it has settled',
  'and its young garbage is collected, and its own time includes collecting its own young garbage.',
  'Benchmarks report; they never fail a run.',
  '',
  `- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  `- Node.js ${process.version}, ${process.platform} ${process.arch}`,
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Targets met: ${rows.filter((row) => row.met).length} of ${rows.length}`,
  '',
  '| what was measured | bridgekit | baseline | peers | ratio | target | result | note |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...table.map((line) => `| ${line} |`),
  '',
];
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), lines.join('\n'));
rmSync(resultsFolder, { recursive: true, force: true });
console.log(`BENCHMARKS.md: ${rows.length} rows, ${rows.filter((row) => row.met).length} targets met`);
