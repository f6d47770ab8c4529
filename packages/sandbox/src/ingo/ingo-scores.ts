import { createSeededRandom, pick, type Random } from '../server/seeded-random.js';

/** One response group of the identity and check maker scores. */
export interface ScoreGroup {
  /** 1000-499 positive, 300 neutral, 299/199/99/9 negative, 9999 matched but nothing to report. */
  readonly score: number;
  /** `MM-dd-yyyy`. */
  readonly firstSeenOn: string;
  /** `MM-dd-yyyy`. */
  readonly lastSeenOn: string;
}

const day = 86_400_000;

// Words that force a band when they appear in a group's value, so tests and demos can ask for one.
const forcedBands: readonly (readonly [string, number | null])[] = [
  ['notfound', null],
  ['matched', 9999],
  ['neutral', 300],
  ['negative', 99],
  ['positive', 900],
];

/** FNV-1a, 32 bits: a stable hash of the request's values, never of anything random. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** @internal A random source derived from the sandbox seed and the given values only. */
export function randomFor(seed: number, ...values: readonly unknown[]): Random {
  return createSeededRandom(fnv1a(`${seed}|${values.map((value) => String(value ?? '')).join('|')}`));
}

function formatDate(epoch: number): string {
  const date = new Date(epoch);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dayOfMonth = String(date.getUTCDate()).padStart(2, '0');
  return `${month}-${dayOfMonth}-${date.getUTCFullYear()}`;
}

/** @internal Draws a score band: about 15% not found, 10% matched-neutral, 10% neutral, 15% negative, 50% positive. */
export function drawScore(random: Random, normalizedValue: string): number | null {
  for (const [word, score] of forcedBands) if (normalizedValue.includes(word)) return score;
  const roll = random();
  if (roll < 0.15) return null;
  if (roll < 0.25) return 9999;
  if (roll < 0.35) return 300;
  if (roll < 0.5) return pick(random, [299, 199, 99, 9]);
  return 499 + Math.floor(random() * 502);
}

/** @internal The group for one identifier: deterministic for the same seed and value. */
export function scoreGroup(
  seed: number,
  group: string,
  normalizedValue: string,
  now: number,
): ScoreGroup | null {
  const random = randomFor(seed, group, normalizedValue);
  const score = drawScore(random, normalizedValue);
  if (score === null) return null;
  // Dates come from the value too, anchored to a fixed day so they do not move with the clock.
  const anchor = Math.min(now, Date.UTC(2025, 0, 1));
  const firstSeen = anchor - Math.floor(random() * 3650) * day;
  const lastSeen = firstSeen + Math.floor(random() * ((anchor - firstSeen) / day + 1)) * day;
  return { score, firstSeenOn: formatDate(firstSeen), lastSeenOn: formatDate(lastSeen) };
}

/** @internal Lower-cases, trims and joins values into the key a group is scored on. */
export function normalize(...values: readonly unknown[]): string {
  return values
    .map((value) => (value === undefined || value === null ? '' : String(value).trim().toLowerCase()))
    .join('|');
}
