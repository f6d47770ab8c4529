import type { ScoreBand } from '@bridgekit/ingo-auth';
import type { ClientBand } from './client-band.js';

/** The camelCase key of each band in a summary's `byBand`. */
export type BandKey = 'positive' | 'matched' | 'neutral' | 'negative' | 'unknown' | 'notFound';

/** The order a report reads in: good news first, then what needs a look, then nothing found. */
export const bandsForDisplay: readonly ScoreBand[] = [
  'positive',
  'matched',
  'neutral',
  'negative',
  'unknown',
  'not-found',
];

export const bandKeys: Readonly<Record<ScoreBand, BandKey>> = {
  positive: 'positive',
  matched: 'matched',
  neutral: 'neutral',
  negative: 'negative',
  unknown: 'unknown',
  'not-found': 'notFound',
};

/** How a band is written for people: in the summary, the page and its chart. */
export const bandLabels: Readonly<Record<ClientBand, string>> = {
  positive: 'positive',
  matched: 'matched',
  neutral: 'neutral',
  negative: 'negative',
  unknown: 'unknown',
  'not-found': 'not found',
  failed: 'failed',
};

/** What each band means, for the page's legend. */
export const bandMeanings: Readonly<Record<ClientBand, string>> = {
  positive: 'scores 1000 to 499',
  matched: '9999: known to Ingo, nothing to report',
  neutral: 'scores 498 to 300',
  negative: 'scores 299 to 0',
  unknown: 'a score off Ingo’s scale',
  'not-found': 'no group found',
  failed: 'scoring failed after retries',
};
