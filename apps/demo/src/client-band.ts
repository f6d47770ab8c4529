import { type IdentityScoreResponse, type ScoreBand, scoreBand } from '@bridgekit/ingo-auth';

/** How a whole client came out: the band of its most cautious group, or `failed` when scoring failed. */
export type ClientBand = ScoreBand | 'failed';

/**
Most cautious first: a negative group outweighs everything, a score off Ingo's scale comes next
(it cannot be trusted either way), then neutral, matched (known, nothing to report) and positive;
`not-found` only when no group was found at all.
*/
export const bandsByCaution: readonly ScoreBand[] = [
  'negative',
  'unknown',
  'neutral',
  'matched',
  'positive',
  'not-found',
];

/** The overall band of a client: the most cautious of its groups' bands. */
export function overallBand(bands: readonly ScoreBand[]): ScoreBand {
  return bandsByCaution.find((band) => bands.includes(band)) ?? 'not-found';
}

/** The response groups the demo sends (Intend records carry no SSN for `identity`). */
export const scoredGroups = ['emailAddress', 'mobileNumber', 'address'] as const;

export type ScoredGroup = (typeof scoredGroups)[number];

/** Each answered group's score (`null`: not found) and band, by the library's one definition of Ingo's scale. */
export function groupResults(response: IdentityScoreResponse): {
  scores: Partial<Record<ScoredGroup, number | null>>;
  bands: Partial<Record<ScoredGroup, ScoreBand>>;
} {
  const scores: Partial<Record<ScoredGroup, number | null>> = {};
  const bands: Partial<Record<ScoredGroup, ScoreBand>> = {};
  for (const group of scoredGroups) {
    if (!(group in response)) continue;
    const score = response[group]?.score;
    scores[group] = typeof score === 'number' ? score : null;
    bands[group] = scoreBand(score);
  }
  return { scores, bands };
}
