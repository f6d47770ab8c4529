// What every benchmark shares: rounds, medians and one place to record a row of BENCHMARKS.md.
// A benchmark measures and records; it never fails a run for being slow.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const resultsFolder = join(import.meta.dirname, 'results');

/** Stores a row for the report and prints it, so a plain `vitest bench` run shows it too. */
/** @param {import('./kit.js').BenchmarkRow} row */
export function record(row) {
  mkdirSync(resultsFolder, { recursive: true });
  writeFileSync(join(resultsFolder, `${row.id}.json`), `${JSON.stringify(row, null, 2)}\n`);
  const ratio = row.ratio === undefined ? '' : ` ratio ${row.ratio.toFixed(2)} (${row.ratioMeaning ?? ''})`;
  console.log(
    `${row.met ? 'MET   ' : 'MISSED'} ${row.title}: ${row.subject.value.toFixed(2)} ${row.unit}${ratio}; target ${row.target}`,
  );
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Milliseconds `run` takes. */
export async function timed(run) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
Calls `run` `count` times one after another; returns the mean milliseconds per call. The time
includes collecting the young garbage the calls left, so each contestant pays for its own.
*/
export async function perCall(count, run) {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await run();
  garbageCollector()({ type: 'minor' });
  return (performance.now() - started) / count;
}

/**
Calls `run` `count` times with at most `concurrency` in flight; returns calls per second. The
time includes collecting the young garbage the calls left, as in `perCall`.
*/
export async function throughput(count, concurrency, run) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await run();
    }
  };
  const milliseconds = await timed(async () => {
    await Promise.all(Array.from({ length: concurrency }, worker));
    garbageCollector()({ type: 'minor' });
  });
  return (count / milliseconds) * 1000;
}

let collector;

/** The garbage collector (`gc({type: 'minor'})` collects the young generation only), exposed once. */
export function garbageCollector() {
  if (collector === undefined) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc');
  }
  return collector;
}

/**
Lets the work a sample left behind finish (its sockets' last events, finalizers, timers' turns)
and collects its young garbage, untimed, so that the next sample does not pay for it. Not a full
collection: that shrinks the young generation, and the next sample would pay in extra scavenges,
the more the more it allocates.
*/
export async function settle() {
  await new Promise((resolve) => setImmediate(resolve));
  garbageCollector()({ type: 'minor' });
  await new Promise((resolve) => setImmediate(resolve));
}

/**
Runs each contestant once per round, in an order that alternates between rounds, so that neither
always runs on a warmer or a busier machine; returns each one's median. Every sample starts on a
settled, collected heap, and pays for its own young garbage (see `perCall`): a contestant that
leaves much garbage (ky's per-request objects) would otherwise slow whichever one runs after it.
*/
export async function compareInRounds(rounds, contestants) {
  const samples = await sampleInRounds(rounds, contestants);
  return mediansOf(samples);
}

/** Each contestant's median, from `sampleInRounds`' samples. */
export function mediansOf(samples) {
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** `compareInRounds`, returning every round's sample (in round order) instead of the medians. */
export async function sampleInRounds(rounds, contestants) {
  const names = Object.keys(contestants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      await settle();
      samples[name]?.push(await contestants[name]());
    }
  }
  return samples;
}

/**
The median over rounds of `a / b` within each round: the two ran side by side in it, on the same
machine state, so a busy spell moves both and cancels out of their ratio.
*/
export function pairedRatio(a, b) {
  return median(a.map((value, round) => value / (b[round] ?? Number.NaN)));
}

/**
Starts `benchmarks/child-server.js` with `config` in a child process (the same Node binary), loading
the sandbox from `sandboxModule` (a URL the caller resolved), and
resolves with its URL and a `stop()` that ends it by its process id.
*/
export async function serveInChild(config, sandboxModule) {
  const { spawn } = await import('node:child_process');
  const script = join(import.meta.dirname, 'child-server.js');
  const child = spawn(process.execPath, [script, JSON.stringify(config), sandboxModule], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the sandbox process exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once('exit', () => resolve(undefined));
        process.kill(child.pid, 'SIGTERM');
      }),
  };
}

/** How long a test running `recordRequestPath` may take: its rounds run for a minute or more. */
export const requestPathTimeout = 600_000;

/**
The two request-path rows every client has: its call against ky alone with the same options (the
floor, since every call goes through ky), one at a time (time per call, target <= 1.05x) and at
concurrency 200 (throughput, target >= 0.95x), with a raw `fetch` and axios beside them for
reference. `calls` are `{subject, ky, raw, axios}`; `labels` name the first and the raw one.
*/
export async function recordRequestPath({ id, name, labels, calls, note = '' }) {
  for (const run of Object.values(calls)) await perCall(500, run);
  const rows = [
    {
      suffix: '01',
      title: `${name} one at a time, time per call`,
      unit: 'ms',
      measure: (run) => () => perCall(400, run),
      // One round's own ratio moves by about ±15% (loopback wake-ups, when a collection lands),
      // so the median takes many rounds to settle within a few hundredths.
      rounds: 31,
      ratioMeaning: "of ky alone's time",
      target: '<= 1.05x ky alone',
      met: (ratio) => ratio <= 1.05,
    },
    {
      suffix: '02',
      title: `${name} at concurrency 200, 6,000 calls`,
      unit: 'calls/s',
      measure: (run) => () => throughput(6000, 200, run),
      rounds: 9,
      ratioMeaning: "of ky alone's throughput",
      target: '>= 0.95x ky alone',
      met: (ratio) => ratio >= 0.95,
    },
  ];
  for (const row of rows) {
    const samples = await sampleInRounds(
      row.rounds,
      Object.fromEntries(Object.entries(calls).map(([key, run]) => [key, row.measure(run)])),
    );
    const values = mediansOf(samples);
    // The client sends every call through ky: ky alone, with the same options, is the floor it is held to.
    const ratio = pairedRatio(samples.subject, samples.ky);
    record({
      id: `${id}.${row.suffix}`,
      title: row.title,
      unit: row.unit,
      subject: { label: labels.subject, value: values.subject },
      baseline: { label: 'ky alone (same retry, timeout and signing)', value: values.ky },
      peers: [
        { label: labels.raw, value: values.raw },
        { label: 'axios (same headers)', value: values.axios },
      ],
      ratio,
      ratioMeaning: row.ratioMeaning,
      target: row.target,
      met: row.met(ratio),
      note: `for reference, ${labels.raw}: ${pairedRatio(samples.raw, samples.ky).toFixed(2)}x ky alone, axios ${pairedRatio(samples.axios, samples.ky).toFixed(2)}x; ratios are medians of each of ${row.rounds} rounds' own ratio${note}`,
    });
  }
}
