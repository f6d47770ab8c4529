import { isBridgekitError } from '@bridgekit/errors';
import { timedOut, withDeadline } from './deadline.js';
import { userError } from './hostile-values.js';
import { blank, collectError } from './leak-audit.js';

/** How a call under test ended. */
export type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'typed-error'; readonly error: Error }
  | { readonly kind: 'defect'; readonly description: string };

/** `TypeError: Cannot read properties of null`, secrets blanked. */
export function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const name = (error as Error).name ?? (error as object).constructor?.name;
    return blank(`${name}: ${String((error as Error).message)}`);
  }
  return `a thrown ${typeof error} (not an Error)`;
}

function judge(error: unknown, how: string): Outcome {
  collectError(error);
  // The test's own function threw: handing the caller's error back unchanged is fine.
  if (isBridgekitError(error) || error === userError) return { kind: 'typed-error', error: error as Error };
  return { kind: 'defect', description: `${how} ${describeError(error)}, not a BridgekitError` };
}

/**
Runs one call of the public API and says how it ended. A synchronous API may throw a
`BridgekitError`; an asynchronous one must reject with one (a synchronous throw is a defect), and
must settle within `deadlineMs`.
*/
export async function outcomeOf(
  call: () => unknown,
  { async, deadlineMs = 1500 }: { readonly async: boolean; readonly deadlineMs?: number },
): Promise<Outcome> {
  let returned: unknown;
  try {
    returned = call();
  } catch (error) {
    if (async) {
      collectError(error);
      return {
        kind: 'defect',
        description: `threw synchronously (${describeError(error)}) instead of rejecting`,
      };
    }
    return judge(error, 'threw');
  }
  if (!async) return { kind: 'value', value: returned };
  if (typeof (returned as Promise<unknown> | undefined)?.then !== 'function') {
    return { kind: 'defect', description: `returned ${typeof returned} instead of a promise` };
  }
  try {
    const value = await withDeadline(returned as Promise<unknown>, deadlineMs);
    if (value === timedOut) return { kind: 'defect', description: `did not settle within ${deadlineMs} ms` };
    return { kind: 'value', value };
  } catch (error) {
    return judge(error, 'rejected with');
  }
}

/** Fails (for fast-check to shrink and report) unless the call ended with a value or a BridgekitError. */
export function assertNoDefect(outcome: Outcome, label: string): void {
  if (outcome.kind === 'defect') throw new Error(`${label}: ${outcome.description}`);
}

const unhandled: string[] = [];
let tracking = false;

/** Counts unhandled rejections in this worker from now on; returns a reader of what was seen. */
export function trackUnhandledRejections(): () => readonly string[] {
  if (!tracking) {
    tracking = true;
    process.on('unhandledRejection', (reason) => unhandled.push(describeError(reason)));
  }
  return () => unhandled;
}

/** Heap in use, in MB. */
export function heapUsedMb(): number {
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}
