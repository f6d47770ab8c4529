import { isBridgekitError } from '@bridgekit/errors';
import type { IntendClient } from '@bridgekit/intend-client';
import { collectError } from './leak-audit.js';
import { describeError } from './outcome.js';

/** What a listing that may stop and be resumed delivered. */
export interface ResumedListing {
  readonly ids: readonly number[];
  /** The typed stops, in order: `ServerError@page 7`. */
  readonly stops: readonly string[];
  /** Anything that broke the contract: an untyped error, a stop without checkpoint, a wrong count. */
  readonly defects: readonly string[];
}

/**
Lists every client, and whenever the listing stops with an error, checks that the error is typed
and carries a checkpoint, and resumes from it (at most `maxStops` times).
*/
export async function listWithResume(
  intend: IntendClient,
  { maxStops = 40, prefetch }: { maxStops?: number; prefetch?: number } = {},
): Promise<ResumedListing> {
  const ids: number[] = [];
  const stops: string[] = [];
  const defects: string[] = [];
  let startPage = 1;
  while (stops.length <= maxStops) {
    let yielded = 0;
    try {
      const options = prefetch === undefined ? { startPage } : { startPage, prefetch };
      for await (const client of intend.clients.list({}, options)) {
        ids.push(client.id);
        yielded += 1;
      }
      return { ids, stops, defects };
    } catch (error) {
      collectError(error);
      const checkpoint = isBridgekitError(error) ? error.checkpoint : undefined;
      if (!isBridgekitError(error) || checkpoint === undefined) {
        defects.push(`stopped without a typed error and checkpoint: ${describeError(error)}`);
        return { ids, stops, defects };
      }
      if (error.itemsYielded !== yielded) {
        defects.push(`itemsYielded ${String(error.itemsYielded)} but ${yielded} records were yielded`);
      }
      stops.push(`${error.name}@page ${checkpoint.page}`);
      startPage = checkpoint.page;
    }
  }
  defects.push(`still stopping after ${maxStops} resumes`);
  return { ids, stops, defects };
}

/** `ServerError@page 3` x2, `NetworkError@page 9`: stops summarised by class. */
export function summariseStops(stops: readonly string[]): string {
  if (stops.length === 0) return 'complete, no stop';
  const byClass = new Map<string, number>();
  for (const stop of stops) {
    const name = stop.slice(0, stop.indexOf('@'));
    byClass.set(name, (byClass.get(name) ?? 0) + 1);
  }
  const list = [...byClass].map(([name, count]) => `${count} ${name}`).join(', ');
  return `${stops.length} typed stops (${list}), resumed to complete`;
}
