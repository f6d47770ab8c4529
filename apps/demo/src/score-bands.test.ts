import { describe, expect, it } from 'vitest';
import { bandOf, overallBand } from './score-bands.js';

describe('score bands', () => {
  it.each([
    [1000, 'positive'],
    [499, 'positive'],
    [300, 'neutral'],
    [9999, 'neutral'],
    [299, 'negative'],
    [9, 'negative'],
    [null, 'not found'],
  ] as const)('%s -> %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('the overall band is the most cautious', () => {
    expect(overallBand(['positive', 'negative', 'not found'])).toBe('negative');
    expect(overallBand(['positive', 'neutral'])).toBe('neutral');
    expect(overallBand(['positive', 'not found'])).toBe('positive');
    expect(overallBand(['not found'])).toBe('not found');
    expect(overallBand([])).toBe('not found');
  });
});
