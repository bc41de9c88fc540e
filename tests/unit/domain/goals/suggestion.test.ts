import { describe, expect, it } from 'vitest';
import { medianOf, smallestCut } from '../../../../shared/domain/goals';
import { isDiscretionary } from '../../../../shared/domain/ledger/categories';

const months = ['2024-01', '2024-02', '2024-03'];

describe('smallest cut in discretionary spending', () => {
  it('cuts exactly the gap, in proportion to each category’s 3-month median, the parts adding up to the gap', () => {
    // Prepare: medians 300.00 (dining: 250, 300, 900 → 300) and 100.00 (streaming), a gap of 100.01 a month
    const spend = new Map([
      ['food.restaurants', [25_000, 30_000, 90_000]],
      ['entertainment.streaming', [10_000, 10_000, 10_000]],
    ]);
    // Act
    const s = smallestCut(10_001, months, spend);
    // Assess
    expect(s).toMatchObject({ monthlyGap: 10_001, totalCut: 10_001, closesGap: true, shortfall: 0, percentOfDiscretionary: 25.01 });
    expect(s?.cuts).toEqual([
      { categoryId: 'food.restaurants', median: 30_000, cut: 7_501, newMonthly: 22_499 },
      { categoryId: 'entertainment.streaming', median: 10_000, cut: 2_500, newMonthly: 7_500 },
    ]);
    expect(s?.cuts.reduce((t, c) => t + c.cut, 0)).toBe(10_001);
  });

  it('counts an absent month as 0 in the median, and says the shortfall when all discretionary spend is not enough', () => {
    const s = smallestCut(50_000, months, new Map([['travel', [0, 0, 90_000]], ['shopping', [0, 20_000, 20_000]]]));
    expect(s).toMatchObject({ totalCut: 20_000, closesGap: false, shortfall: 30_000, percentOfDiscretionary: 100 });
    expect(s?.cuts).toEqual([{ categoryId: 'shopping', median: 20_000, cut: 20_000, newMonthly: 0 }]);
  });

  it('suggests nothing without a gap', () => {
    expect(smallestCut(0, months, new Map([['travel', [1, 1, 1]]]))).toBeNull();
  });

  it('takes the lower middle of an even count as the median', () => {
    expect(medianOf([4, 1, 3, 2])).toBe(2);
    expect(medianOf([])).toBe(0);
  });
});

describe('discretionary categories', () => {
  it('are shopping, entertainment, travel and their children, eating and drinking out, hair & beauty', () => {
    expect(['shopping', 'shopping.clothing', 'entertainment.streaming', 'travel.flights', 'food.restaurants', 'food.bars', 'personal-care.hair-beauty'].every((id) => isDiscretionary(id))).toBe(true);
    expect(['housing.rent', 'food.groceries', 'food', 'utilities', 'insurance.health', 'shopping.household', 'health.pharmacy'].some((id) => isDiscretionary(id))).toBe(false);
  });

  it('include a user’s own child of a discretionary parent', () => {
    expect(isDiscretionary('01JABC', (id) => (id === '01JABC' ? 'travel' : null))).toBe(true);
    expect(isDiscretionary('01JABC', () => 'housing')).toBe(false);
  });
});
