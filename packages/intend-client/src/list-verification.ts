import { fingerprint } from './page-fingerprint.js';
import type { PageFetcher } from './page-queue.js';

/** @internal What a verification needs: the pages read and how to read one again. */
export interface VerificationInput<T> {
  /** Each page's fingerprint as it was read, by page number. */
  readonly fingerprints: ReadonlyMap<number, string>;
  readonly fetchPage: PageFetcher<T>;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  /** Told of every request sent. */
  readonly onRequest: () => void;
}

/**
@internal Reads every page of a finished listing again, `concurrency` at a time, and returns the
first page whose records differ from what was read (undefined when none does): a record deleted
before the read position shifts every later page back by one, which only a second read shows.
*/
export async function firstChangedPage<T>(input: VerificationInput<T>): Promise<number | undefined> {
  const numbers = [...input.fingerprints.keys()];
  const controller = new AbortController();
  const stop = () => controller.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', stop, { once: true });
  const changed: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < numbers.length; index = next++) {
      const number = numbers[index] as number;
      input.onRequest();
      const page = await input.fetchPage(number, controller.signal);
      const now = page.items.length > 0 ? fingerprint(page.items) : '';
      if (now !== input.fingerprints.get(number)) changed.push(number);
    }
  };
  try {
    const workers = Array.from({ length: Math.min(input.concurrency, numbers.length) }, worker);
    await Promise.all(workers);
  } catch (error) {
    // One failed read ends the others at once.
    controller.abort();
    throw error;
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
  return changed.length === 0 ? undefined : Math.min(...changed);
}
