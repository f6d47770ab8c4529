import { isConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { PageSizeRule } from './page-size.js';
import { Paginator } from './paginator.js';

const verdicts = (rule: PageSizeRule, counts: number[]) =>
  counts.map((count, index) => rule.classify(index + 1, count));

describe('PageSizeRule', () => {
  it("'auto': a page of 50 makes the size known; a shorter one then ends the listing", () => {
    const rule = new PageSizeRule('auto');
    expect(verdicts(rule, [50, 50, 12])).toEqual(['full', 'full', 'last']);
    expect([rule.known, rule.changed]).toEqual([50, false]);
  });

  it("'auto': a short first page is confirmed by the next: empty ends, non-empty teaches the size", () => {
    const short = new PageSizeRule('auto');
    expect(verdicts(short, [15, 0])).toEqual(['unconfirmed', 'last']);
    expect(short.known).toBeUndefined();
    const twenty = new PageSizeRule('auto');
    expect(verdicts(twenty, [20, 20, 20, 7])).toEqual(['unconfirmed', 'full', 'full', 'last']);
    expect(twenty.known).toBe(20);
    const twoPages = new PageSizeRule('auto');
    expect(verdicts(twoPages, [20, 7])).toEqual(['unconfirmed', 'last']);
    expect([twoPages.known, twoPages.changed]).toEqual([20, false]);
  });

  it('sees a list that moved: a page longer than the size, records past the end', () => {
    const longer = new PageSizeRule('auto');
    expect(verdicts(longer, [20, 21])).toEqual(['unconfirmed', 'full']);
    expect(longer.changed).toBe(true);
    const pastTheEnd = new PageSizeRule(10);
    // Page 3 came back before page 2, which then ended the listing.
    expect(pastTheEnd.classify(1, 10)).toBe('full');
    expect(pastTheEnd.classify(3, 4)).toBe('last');
    expect(pastTheEnd.changed).toBe(false);
    expect(pastTheEnd.classify(2, 9)).toBe('last');
    expect(pastTheEnd.changed).toBe(true);
  });

  it('a number is known from the start', () => {
    const rule = new PageSizeRule(25);
    expect(rule.known).toBe(25);
    expect(verdicts(rule, [24])).toEqual(['last']);
  });
});

describe('listing options for a list that moves', () => {
  const fetcher = async (page: number) => ({
    items: page === 1 ? [{ id: 'a' }, { id: 'b' }] : page === 2 ? [{ id: 'b' }, { id: 'c' }] : [],
    lastPage: undefined,
    total: undefined,
    hasNext: undefined,
  });

  it('stats are live while the listing runs, and idOf picks the id', async () => {
    const listing = new Paginator(fetcher, { concurrency: 1, idOf: (record) => record.id });
    const seen: unknown[] = [];
    for await (const page of listing.pages()) seen.push({ page: page.number, stats: listing.stats });
    // Counted as each page is handed out, so the loop sees its own page counted.
    expect(seen[0]).toMatchObject({ page: 1, stats: { pages: 1, items: 2, duplicates: 0 } });
    expect(seen[1]).toMatchObject({
      page: 2,
      stats: { pages: 2, items: 3, duplicates: 1, changed: true, pageSize: 2 },
    });
    expect(listing.stats).toMatchObject({ pages: 3, items: 3, duplicates: 1, changed: true, pageSize: 2 });
  });

  it('checks the new options', () => {
    for (const options of [
      { pageSize: 0 },
      { pageSize: 'fifty' },
      { idOf: 'id' },
      { verify: 'yes' },
      { onChange: 'ignore' },
    ]) {
      let error: unknown;
      try {
        new Paginator(fetcher, options as never);
      } catch (caught) {
        error = caught;
      }
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toContain(`\`${Object.keys(options)[0]}\``);
    }
  });
});
