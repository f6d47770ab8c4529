import type { DoctorReport } from './doctor.js';

/** @internal The report for people: one line per check, its fix indented below, then a count. */
export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((line) => line.name.length));
  const lines = report.checks.flatMap((line) => [
    `${line.status.padEnd(4)}  ${line.name.padEnd(width)}  ${line.message}`,
    ...(line.fix === undefined ? [] : [`${' '.repeat(width + 8)}fix: ${line.fix}`]),
  ]);
  const count = (status: string) => report.checks.filter((line) => line.status === status).length;
  lines.push('', `${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`);
  return `${lines.join('\n')}\n`;
}
