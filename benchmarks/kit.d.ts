// Types of kit.js, so that the packages' TypeScript benchmarks can import it.

/** One measured figure: what was run and what it came to. */
export interface Figure {
  readonly label: string;
  readonly value: number;
}

/** One row of BENCHMARKS.md. */
export interface BenchmarkRow {
  /** Orders the rows: `<package>.<nn>`. */
  readonly id: string;
  readonly title: string;
  /** The unit of every figure in the row. */
  readonly unit: string;
  readonly subject: Figure;
  readonly baseline?: Figure;
  readonly peers?: readonly Figure[];
  /** How the subject compares with the baseline; `ratioMeaning` says which way. */
  readonly ratio?: number;
  readonly ratioMeaning?: string;
  readonly target: string;
  readonly met: boolean;
  readonly note?: string;
}

/** Stores a row for the report and prints it. */
export function record(row: BenchmarkRow): void;
/** The median of some numbers. */
export function median(values: readonly number[]): number;
/** Milliseconds `run` takes. */
export function timed(run: () => unknown): Promise<number>;
/** Calls `run` `count` times one after another; returns the mean milliseconds per call. */
export function perCall(count: number, run: () => unknown): Promise<number>;
/** Calls `run` `count` times with at most `concurrency` in flight; returns calls per second. */
export function throughput(count: number, concurrency: number, run: () => Promise<unknown>): Promise<number>;
/** The garbage collector, exposed on demand. */
export function garbageCollector(): (options?: { type?: 'minor' | 'major' }) => void;
/** Lets the work a sample left behind finish, and collects its young garbage. */
export function settle(): Promise<void>;
/** Runs each contestant once per round, alternating the order; returns each one's median. */
export function compareInRounds(
  rounds: number,
  contestants: Readonly<Record<string, () => Promise<number>>>,
): Promise<Record<string, number>>;
/** `compareInRounds`, returning every round's sample (in round order). */
export function sampleInRounds(
  rounds: number,
  contestants: Readonly<Record<string, () => Promise<number>>>,
): Promise<Record<string, number[]>>;
/** Each contestant's median, from `sampleInRounds`' samples. */
export function mediansOf(samples: Readonly<Record<string, readonly number[]>>): Record<string, number>;
/** The median over rounds of each round's `a / b`. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number;
/** A sandbox served by another process. */
export interface ChildServer {
  readonly url: string;
  stop(): Promise<void>;
}
/** Serves a sandbox (`{kind: 'intend' | 'ingo', options}`) in a child process. */
export function serveInChild(
  config: { kind: 'intend' | 'ingo'; options: unknown },
  cwd?: string,
): Promise<ChildServer>;
/** Records a client's two request-path rows (one at a time, concurrency 200) against ky alone, with raw fetch and axios beside them. */
export function recordRequestPath(options: {
  /** The row ids' prefix; the rows are `<id>.01` and `<id>.02`. */
  readonly id: string;
  /** What is measured, for the titles. */
  readonly name: string;
  readonly labels: { readonly raw: string; readonly subject: string };
  readonly calls: {
    readonly raw: () => Promise<unknown>;
    readonly subject: () => Promise<unknown>;
    readonly ky: () => Promise<unknown>;
    readonly axios: () => Promise<unknown>;
  };
  /** Added to each row's note. */
  readonly note?: string;
}): Promise<void>;

/** How long a test running `recordRequestPath` may take, in milliseconds. */
export const requestPathTimeout: number;
