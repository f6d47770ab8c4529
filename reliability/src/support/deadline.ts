import { setTimeout as delay } from 'node:timers/promises';

/** Marks a promise that did not settle before its deadline. */
export const timedOut: unique symbol = Symbol('timed out');

/** The promise's value, or `timedOut` when it has not settled within `ms`. Never leaves a timer behind. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  const controller = new AbortController();
  const timer = delay(ms, timedOut, { signal: controller.signal }).catch(() => timedOut);
  try {
    return (await Promise.race([promise, timer])) as T | typeof timedOut;
  } finally {
    controller.abort();
  }
}

/**
Waits until `condition()` holds, checking every `intervalMs`, and fails after `deadlineMs`: tests
wait on what they need to see, never on a fixed sleep.
*/
export async function waitUntil(
  condition: () => boolean,
  { deadlineMs, intervalMs = 10, what }: { deadlineMs: number; intervalMs?: number; what: string },
): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`Waited ${deadlineMs} ms for ${what}`);
    await delay(intervalMs);
  }
}

/** Runs `work(index)` for every index below `count`, at most `concurrency` at a time. */
export async function runPool(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
