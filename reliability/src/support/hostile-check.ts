import fc from 'fast-check';
import { fastCheckSeed } from './fast-check-seed.js';
import { randomHostileValue, specialValues } from './hostile-values.js';
import { blank } from './leak-audit.js';
import { heapUsedMb } from './outcome.js';

/** One option or argument to attack: `run` uses the value and throws when it finds a defect. */
export interface HostileCase {
  readonly name: string;
  run(value: unknown): Promise<void>;
}

/** What a group of cases found. */
export interface HostileReport {
  readonly runs: number;
  /** One line per distinct defect: the case, the value, what came out (and the seed, for random values). */
  readonly defects: readonly string[];
  readonly maxHeapMb: number;
}

function shown(value: unknown): string {
  const text = typeof value === 'function' ? String(value).replace(/\s+/g, ' ') : fc.stringify(value);
  return blank(text.length > 80 ? `${text.slice(0, 80)}… (${text.length} characters)` : text);
}

function messageOf(error: unknown): string {
  return blank(error instanceof Error ? error.message : String(error));
}

/** Every given value in turn, keeping each distinct defect (at most `limit` per case). */
async function exampleRuns(
  hostile: HostileCase,
  values: readonly unknown[],
  limit: number,
): Promise<{ runs: number; defects: string[] }> {
  const messages = new Set<string>();
  const defects: string[] = [];
  let runs = 0;
  for (const value of values) {
    runs += 1;
    try {
      await hostile.run(value);
    } catch (error) {
      const message = messageOf(error);
      if (messages.has(message)) continue;
      messages.add(message);
      defects.push(`${hostile.name} <- ${shown(value)}: ${message}`);
      if (defects.length >= limit) break;
    }
  }
  return { runs, defects };
}

/**
Runs every case with every special value (or the `values` given), keeping each distinct defect,
then `randomRuns` random values (from `arbitrary`) with fast-check, stopping at the first failure without shrinking (the seed and path are
printed to replay it).
*/
/** How a group is checked. */
export interface CheckOptions {
  /** Random values per case, after the given ones. @default 15 */
  readonly randomRuns?: number;
  /** Distinct defects kept per case. @default 3 */
  readonly defectsPerCase?: number;
  /** Tried first, each of them. @default the special values */
  readonly values?: readonly unknown[];
  /** Where the random values come from. @default any hostile value */
  readonly arbitrary?: fc.Arbitrary<unknown>;
}

export async function checkCases(
  cases: readonly HostileCase[],
  {
    randomRuns = 15,
    defectsPerCase = 3,
    values = specialValues,
    arbitrary = randomHostileValue,
  }: CheckOptions = {},
): Promise<HostileReport> {
  const defects: string[] = [];
  let runs = 0;
  let maxHeapMb = heapUsedMb();
  for (const hostile of cases) {
    const special = await exampleRuns(hostile, values, defectsPerCase);
    runs += special.runs;
    defects.push(...special.defects);
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (value) => {
        await hostile.run(value);
      }),
      { ...fastCheckSeed(), numRuns: randomRuns, endOnFailure: true },
    );
    runs += details.numRuns;
    maxHeapMb = Math.max(maxHeapMb, heapUsedMb());
    const message = details.failed ? messageOf(details.errorInstance) : undefined;
    if (message !== undefined && !special.defects.some((line) => line.endsWith(`: ${message}`))) {
      defects.push(
        `${hostile.name} <- ${shown(details.counterexample?.[0])}: ${message} (fast-check seed ${details.seed}, path "${details.counterexamplePath}")`,
      );
    }
  }
  return { runs, defects, maxHeapMb };
}

/** A table cell for a group: `1,520 runs, no defect` or the cases that failed. */
export function describeReport(report: HostileReport): string {
  if (report.defects.length === 0) return `${report.runs} runs, no defect, heap <= ${report.maxHeapMb} MB`;
  const names = [...new Set(report.defects.map((defect) => defect.slice(0, defect.indexOf(' <- '))))];
  return `${report.runs} runs, ${report.defects.length} defects in ${names.join('; ')}`;
}
