import { getEventListeners } from 'node:events';
import { AbortError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { Closing } from './closing.js';

/** A signal whose listeners can be counted. */
function countedSignal() {
  const { signal } = new AbortController();
  const listening = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (type: string, listener: never, options?: never) => {
    listening.add(listener);
    add(type, listener, options);
  };
  signal.removeEventListener = (type: string, listener: never) => {
    listening.delete(listener);
    remove(type, listener);
  };
  return { signal, listening };
}

describe('Closing', () => {
  it('lets go of the caller’s signal when a call throws before it sends, and rejects instead', async () => {
    const closing = new Closing('The test client');
    const { signal, listening } = countedSignal();
    const refused = new Error('a bad option');
    const call = closing.run(signal, () => {
      throw refused;
    });
    await expect(call).rejects.toBe(refused);
    expect(listening.size).toBe(0);
    await closing.close();
  });

  it('keeps no listener on the client’s signal, however many calls are in flight', async () => {
    // Node warns of a leak past 10 listeners on one signal: a busy client must not add one per call.
    const closing = new Closing('The test client');
    const calls = Array.from({ length: 50 }, () =>
      closing.run(
        undefined,
        (signal) =>
          new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      ),
    );
    expect(getEventListeners(closing.signal, 'abort')).toHaveLength(0);
    await closing.close();
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.every(({ status }) => status === 'rejected')).toBe(true);
  });

  it('aborts a call in flight at close(), waits for it, and refuses the next', async () => {
    const closing = new Closing('The test client');
    let seen: AbortSignal | undefined;
    const call = closing.run(undefined, (signal) => {
      seen = signal;
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    await closing.close();
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(seen?.aborted).toBe(true);
    expect(() => closing.run(undefined, async () => 1)).toThrow(/The test client was closed/);
  });

  it('waits for what is tracked while it closes (a lock released after its aborted request), and resolves with nothing left', async () => {
    const closing = new Closing('The test client');
    let releaseFirst = (): void => undefined;
    let releaseSecond = (): void => undefined;
    closing.track(new Promise<void>((resolve) => (releaseFirst = resolve)));
    let closed = false;
    const done = closing.close().then(() => {
      closed = true;
    });
    closing.track(new Promise<void>((resolve) => (releaseSecond = resolve)));
    releaseFirst();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    releaseSecond();
    await done;
    expect(closed).toBe(true);
    // Nothing in flight: close() resolves at once, and again with the same promise.
    const idle = new Closing('The idle client');
    await expect(idle.close()).resolves.toBeUndefined();
    expect(idle.close()).toBe(idle.close());
  });

  it('aborts exactly the calls still in flight, whichever settled before, in any order', async () => {
    const closing = new Closing('The test client');
    const signals: AbortSignal[] = [];
    const finish: Array<() => void> = [];
    const calls = [0, 1, 2, 3].map(() =>
      closing.run(undefined, (signal) => {
        signals.push(signal);
        return new Promise<string>((resolve, reject) => {
          finish.push(() => resolve('done'));
          signal.addEventListener('abort', () => reject(signal.reason));
        });
      }),
    );
    // The second and the last settle first: the list loses a link in its middle and at its head.
    finish[1]?.();
    finish[3]?.();
    await Promise.all([calls[1], calls[3]]);
    await closing.close();
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false, true, false]);
    await expect(calls[0]).rejects.toBeInstanceOf(AbortError);
    await expect(calls[2]).rejects.toBeInstanceOf(AbortError);
  });
});
