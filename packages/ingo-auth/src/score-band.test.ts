import { describe, expect, it } from 'vitest';
import { type ScoreBand, scoreBand } from './score-band.js';

describe('scoreBand', () => {
  it.each([
    [1000, 'positive'],
    [900, 'positive'],
    [499, 'positive'],
    [498, 'neutral'],
    [300, 'neutral'],
    [299, 'negative'],
    [199, 'negative'],
    [99, 'negative'],
    [9, 'negative'],
    [0, 'negative'],
    [9999, 'matched'],
    [null, 'not-found'],
    [undefined, 'not-found'],
  ] as const)('%s is %s', (score, band) => {
    expect(scoreBand(score)).toBe(band satisfies ScoreBand);
  });

  // Off Ingo's published scale: neither a good nor a bad sign, so never 'positive'.
  it.each([1001, 5000, 9998, 10_000, -1, Number.NaN, Number.POSITIVE_INFINITY])('%s is unknown', (score) => {
    expect(scoreBand(score)).toBe('unknown');
  });

  it('places a fraction by the range it falls in', () => {
    expect(scoreBand(498.5)).toBe('neutral');
    expect(scoreBand(299.5)).toBe('negative');
  });
});
