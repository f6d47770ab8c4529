/** What a score means, in Ingo's terms. */
export type ScoreBand = 'not-found' | 'matched' | 'positive' | 'neutral' | 'negative';

/**
Names the band of an Ingo score: `null` (the group was not found) is `'not-found'`, 9999 is
`'matched'` (known, nothing to report), 499 to 1000 `'positive'`, 300 to 498 `'neutral'`, below
300 (299, 199, 99, 9) `'negative'`.

@example
```
scoreBand(response.emailAddress?.score); //=> 'positive'
scoreBand(null); //=> 'not-found'
```
*/
export function scoreBand(score: number | null | undefined): ScoreBand {
  if (score === null || score === undefined) return 'not-found';
  if (score === 9999) return 'matched';
  if (score >= 499) return 'positive';
  if (score >= 300) return 'neutral';
  return 'negative';
}
