/**
What a score means, in Ingo's terms. `'unknown'` is a score off Ingo's published scale (1001 to
9998, above 9999, below 0, not a finite number): neither a good nor a bad sign.
*/
export type ScoreBand = 'not-found' | 'matched' | 'positive' | 'neutral' | 'negative' | 'unknown';

/**
Names the band of an Ingo score, by Ingo's published scale: `null` or `undefined` (the group was
not found) is `'not-found'`; 9999 is `'matched'` (known, nothing positive or negative to report);
1000 down to 499 is `'positive'`; below 499 down to 300 (Ingo's "about 300") is `'neutral'`; below
300 down to 0 (Ingo's 299, 199, 99 and 9 buckets) is `'negative'`; anything else is `'unknown'`.
A fraction falls in the range it lies in (498.5 is neutral).

@example
```
scoreBand(response.emailAddress?.score); //=> 'positive'
scoreBand(null); //=> 'not-found'
scoreBand(5000); //=> 'unknown'
```
*/
export function scoreBand(score: number | null | undefined): ScoreBand {
  if (score === null || score === undefined) return 'not-found';
  if (score === 9999) return 'matched';
  if (score >= 499 && score <= 1000) return 'positive';
  if (score >= 300 && score < 499) return 'neutral';
  if (score >= 0 && score < 300) return 'negative';
  // 1001 to 9998 and the rest are not on the scale: calling them positive would hide a problem.
  return 'unknown';
}
