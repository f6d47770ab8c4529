import { settleWithin } from '@bridgekit/http';
import { describe, expect, it } from 'vitest';
import { StoreBudget } from './waiting.js';

/** Keeps the event loop busy, as a loaded machine does to a process. */
function stall(milliseconds: number): void {
  const until = performance.now() + milliseconds;
  while (performance.now() < until) {
    // busy
  }
}

describe('settleWithin', () => {
  it('times out an answer that does not come, and passes on one that does', async () => {
    expect(await settleWithin(new Promise(() => undefined), 10)).toEqual({ status: 'timed-out' });
    expect(await settleWithin(Promise.resolve(1), 10)).toEqual({ status: 'fulfilled', value: 1 });
    const error = new Error('down');
    expect(await settleWithin(Promise.reject(error), 10)).toEqual({ status: 'rejected', error });
  });

  it('does not call an answer that arrived while the process was stalled a timeout', async () => {
    const answer = new Promise((resolve) => setTimeout(() => resolve('in time'), 30));
    const settled = settleWithin(answer, 20);
    // Both deadlines pass during the stall; the answer was there before anyone looked.
    stall(100);
    expect(await settled).toEqual({ status: 'fulfilled', value: 'in time' });
  });
});

describe('StoreBudget', () => {
  it('is spent by calls, free for answered polls, and empty after a failure', () => {
    const budget = new StoreBudget(100);
    budget.spend(30, true);
    expect(budget.left).toBe(70);
    budget.startPolling();
    budget.spend(50, true);
    expect(budget.left).toBe(70);
    budget.spend(20, false);
    expect(budget.spent).toBe(50);
    expect(budget.left).toBe(0);
    expect(budget.failed).toBe(true);
  });
});
