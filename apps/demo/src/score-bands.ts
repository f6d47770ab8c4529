/** How one response group, or a whole client, came out. */
export type Band = 'positive' | 'neutral' | 'negative' | 'not found' | 'failed';

/**
Ingo's scale: 1000-499 positive, about 300 neutral, 299/199/99/9 negative; 9999 means matched but
nothing to report (neutral); a null group means not found.
*/
export function bandOf(score: number | null | undefined): Exclude<Band, 'failed'> {
  if (score === null || score === undefined) return 'not found';
  if (score === 9999) return 'neutral';
  if (score >= 499 && score <= 1000) return 'positive';
  if (score >= 300) return 'neutral';
  return 'negative';
}

/** The overall band is the most cautious of the groups: any negative wins, then neutral, then positive. */
export function overallBand(bands: readonly Exclude<Band, 'failed'>[]): Exclude<Band, 'failed'> {
  for (const band of ['negative', 'neutral', 'positive'] as const) if (bands.includes(band)) return band;
  return 'not found';
}
