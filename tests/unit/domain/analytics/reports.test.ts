import { describe, expect, it } from 'vitest';
import {
  cashflow,
  categoryTotals,
  meanMinor,
  monthlySummary,
  ratio,
  recount,
  TOP_MERCHANTS,
  trends,
  type RollupFields,
} from '../../../../shared/domain/analytics';
import { ValidationError } from '../../../../shared/domain/errors';
import { CATEGORIES, tx } from './fixtures';

const AS_OF = '2024-04-01T06:00:00.000Z';

/** March 2024 of one user (base EUR), with its splits, a JPY purchase, a transfer and a pending USD expense. */
const MARCH = [
  tx({ type: 'income', amount: 320_000, description: 'ACME GMBH GEHALT 03/2024', categoryId: 'income.salary', baseAmount: 320_000, date: '2024-03-01' }),
  tx({ type: 'income', amount: 45_000, description: 'Invoice 2024-007', categoryId: 'income.freelance', accountId: 'acc-business', baseAmount: 45_000, date: '2024-03-05' }),
  tx({ amount: 95_000, description: 'DAUERAUFTRAG MIETE', categoryId: 'housing.rent', baseAmount: 95_000, date: '2024-03-01' }),
  tx({ amount: 8734, description: 'Kartenzahlung girocard REWE Markt GmbH Berlin 2024-03-02T10:12', categoryId: 'food.groceries', baseAmount: 8734, date: '2024-03-02' }),
  tx({ amount: 4516, description: 'Kartenzahlung girocard REWE Markt GmbH Berlin 2024-03-16T09:40', categoryId: 'food.groceries', baseAmount: 4516, date: '2024-03-16' }),
  tx(),
  tx({
    amount: 10_000,
    currency: 'JPY',
    description: 'AEON STYLE SHINJUKU 0320',
    categoryId: null,
    splits: [
      { categoryId: 'food.groceries', amount: 4000 },
      { categoryId: 'food.restaurants', amount: 3500 },
      { categoryId: 'shopping.household', amount: 2500 },
    ],
    baseAmount: 6173,
    date: '2024-03-20',
  }),
  tx({ amount: 1999, description: 'AMZN Mktp US*2K4L12345', categoryId: null, baseAmount: 1999, date: '2024-03-22' }),
  tx({ type: 'transfer', amount: 50_000, description: 'To savings', categoryId: null, toAccountId: 'acc-savings', baseAmount: 50_000, date: '2024-03-25' }),
  tx({ amount: 3000, currency: 'USD', description: 'GITHUB INC', categoryId: 'shopping.electronics', baseAmount: null, fxStatus: 'pending', date: '2024-03-30' }),
];

const FEBRUARY = [
  tx({ type: 'income', amount: 320_000, description: 'ACME GMBH GEHALT 02/2024', categoryId: 'income.salary', baseAmount: 320_000, date: '2024-02-01' }),
  tx({ amount: 95_000, description: 'DAUERAUFTRAG MIETE', categoryId: 'housing.rent', baseAmount: 95_000, date: '2024-02-01' }),
  tx({ amount: 12_000, description: 'Kartenzahlung girocard REWE Markt GmbH Berlin', categoryId: 'food.groceries', baseAmount: 12_000, date: '2024-02-10' }),
  tx({ amount: 5000, description: 'Pizzeria Da Michele', categoryId: 'food.restaurants', baseAmount: 5000, date: '2024-02-14' }),
  tx({ amount: 7999, description: 'MEDIAMARKT 0815', categoryId: 'shopping.electronics', baseAmount: 7999, date: '2024-02-20' }),
];

describe('monthlySummary', () => {
  // Prepare
  const rollups = recount([...FEBRUARY, ...MARCH]);
  const march = rollups.get('EUR#2024-03');
  const february = rollups.get('EUR#2024-02');
  const summary = monthlySummary('2024-03', 'EUR', march, february, CATEGORIES, AS_OF);

  it('totals income and expenses in base currency; transfers and pending FX are apart', () => {
    expect(summary).toMatchObject({
      month: '2024-03',
      baseCurrency: 'EUR',
      income: 365_000,
      expenses: 120_672,
      net: 244_328,
      savingsRate: 0.6694,
      transactionCount: 8,
      previous: { month: '2024-02', income: 320_000, expenses: 119_999, net: 200_001 },
      change: { income: 45_000, expenses: 673, net: 44_327 },
      transfers: { count: 1, amount: 50_000 },
      pendingFx: { count: 1, byCurrency: [{ currency: 'USD', amount: -3000, count: 1 }] },
      asOf: AS_OF,
    });
  });

  it('lists categories with parents rolled up, shares of their side, and the change from last month', () => {
    const row = (categoryId: string, kind: string, level: string, amount: number, share: number | null, previousMonthAmount: number, parentId: string | null) =>
      expect.objectContaining({ categoryId, kind, level, amount, share, previousMonthAmount, change: amount - previousMonthAmount, parentId });
    expect(summary.byCategory).toEqual([
      row('income', 'income', 'parent', 365_000, 1, 320_000, null),
      row('income.salary', 'income', 'child', 320_000, 0.8767, 320_000, 'income'),
      row('housing', 'expense', 'parent', 95_000, 0.7873, 95_000, null),
      row('housing.rent', 'expense', 'child', 95_000, 0.7873, 95_000, 'housing'),
      row('income.freelance', 'income', 'child', 45_000, 0.1233, 0, 'income'),
      // 8734 + 4516 + the JPY split's 2469; + 2161 restaurants + 4250 coffee.
      row('food', 'expense', 'parent', 22_130, 0.1834, 17_000, null),
      row('food.groceries', 'expense', 'child', 15_719, 0.1303, 12_000, 'food'),
      row('food.coffee', 'expense', 'child', 4250, 0.0352, 0, 'food'),
      row('food.restaurants', 'expense', 'child', 2161, 0.0179, 5000, 'food'),
      row('_uncategorised', 'expense', 'parent', 1999, 0.0166, 0, null),
      row('shopping', 'expense', 'parent', 1543, 0.0128, 7999, null),
      row('shopping.household', 'expense', 'child', 1543, 0.0128, 0, 'shopping'),
      // Only last month: still listed, so the drop shows.
      row('shopping.electronics', 'expense', 'child', 0, 0, 7999, 'shopping'),
    ]);
    expect(summary.byCategory.find((r) => r.categoryId === '_uncategorised')?.name).toBe('Uncategorised');
    expect(summary.byCategory.find((r) => r.categoryId === 'food.groceries')?.name).toBe('Groceries');
  });

  it('adds up: parent rows of a side sum to that side total', () => {
    const parents = (kind: string) => summary.byCategory.filter((r) => r.kind === kind && r.level === 'parent').reduce((s, r) => s + Number(r.amount), 0);
    expect(parents('expense')).toBe(summary.expenses);
    expect(parents('income')).toBe(summary.income);
  });

  it('ranks merchants by spend, and reports accounts and original currencies', () => {
    expect(summary.topMerchants).toEqual([
      { merchant: 'dauerauftrag miete', amount: 95_000, count: 1 },
      { merchant: 'rewe markt', amount: 13_250, count: 2 },
      { merchant: 'aeon style shinjuku', amount: 6173, count: 1 },
      { merchant: 'starbucks', amount: 4250, count: 1 },
      { merchant: 'amazon marketplace us', amount: 1999, count: 1 },
    ]);
    expect(summary.byAccount).toEqual([
      { accountId: 'acc-business', amount: 45_000 },
      { accountId: 'acc-checking', amount: 320_000 - 120_672 - 50_000 },
      { accountId: 'acc-savings', amount: 50_000 },
    ]);
    expect(summary.byCurrency).toEqual([
      { currency: 'EUR', amount: 365_000 - 95_000 - 8734 - 4516 - 4250 - 1999, count: 7 },
      { currency: 'JPY', amount: -10_000, count: 1 },
    ]);
  });

  it('lists at most ten merchants', () => {
    const fields: Record<string, number> = {};
    for (let i = 0; i < 15; i++) {
      fields[`m:shop ${String.fromCharCode(97 + i)}`] = 100 * (i + 1);
      fields[`mn:shop ${String.fromCharCode(97 + i)}`] = 1;
    }
    const top = monthlySummary('2024-03', 'EUR', fields, undefined, [], AS_OF).topMerchants;
    expect(top).toHaveLength(TOP_MERCHANTS);
    expect(top[0]).toEqual({ merchant: 'shop o', amount: 1500, count: 1 });
  });

  it('is all zeros, with a null savings rate, for a month without data', () => {
    const empty = monthlySummary('2024-01', 'EUR', undefined, undefined, CATEGORIES, AS_OF);
    expect(empty).toMatchObject({ income: 0, expenses: 0, net: 0, savingsRate: null, transactionCount: 0, byCategory: [], topMerchants: [], previous: { month: '2023-12' } });
  });

  it('ignores counters left at 0 and attributes that are not rollup fields', () => {
    const stored: RollupFields = { inc: 1000, exp: 0, 'ce:food.coffee': 0, 'ci:income.salary': 1000, 'm:starbucks': 0, 'mn:starbucks': 0 };
    const s = monthlySummary('2024-03', 'EUR', stored, undefined, CATEGORIES, AS_OF);
    expect(s.byCategory.map((r) => r.categoryId)).toEqual(['income', 'income.salary']);
    expect(s.topMerchants).toEqual([]);
  });

  it('keeps categories it does not know, and synthesises a missing parent', () => {
    const fields = { exp: 3000, 'ce:deleted-category': 1000, 'ce:orphan.child': 2000 };
    const s = monthlySummary('2024-03', 'EUR', fields, undefined, [{ id: 'orphan.child', name: 'Orphan', kind: 'expense', parentId: 'orphan' }], AS_OF);
    expect(s.byCategory.map((r) => [r.categoryId, r.name, r.level, r.amount])).toEqual([
      ['orphan', 'orphan', 'parent', 2000],
      ['orphan.child', 'Orphan', 'child', 2000],
      ['deleted-category', 'deleted-category', 'parent', 1000],
    ]);
  });

  it('refuses a malformed month', () => {
    expect(() => monthlySummary('2024-3', 'EUR', undefined, undefined, [], AS_OF)).toThrow(ValidationError);
  });
});

describe('trends and cash flow', () => {
  // Prepare: January, (no February), March, April.
  const jan = { inc: 300_001, exp: 200_000, 'ci:income.salary': 300_001, 'ce:food.groceries': 120_000, 'ce:housing.rent': 80_000 };
  const mar = { inc: 310_000, exp: 250_001, 'ci:income.salary': 310_000, 'ce:food.groceries': 150_001, 'ce:food.restaurants': 100_000 };
  const apr = { exp: 10_000, 'ce:food.groceries': 10_000 };
  const months = [
    { month: '2024-04', fields: apr },
    { month: '2024-01', fields: jan },
    { month: '2024-03', fields: mar },
  ];

  it('fills the missing month, averages over up to three months (half-even) and compares with the month before', () => {
    // Act
    const { series } = trends(months, CATEGORIES);

    // Assess
    expect(series).toEqual([
      {
        month: '2024-01',
        income: 300_001,
        expenses: 200_000,
        net: 100_001,
        savingsRate: 0.3333,
        movingAverage3: { income: 300_001, expenses: 200_000, net: 100_001 },
        change: null,
      },
      {
        // 150 000.5 → 150 000 and 50 000.5 → 50 000: ties go to the even unit.
        month: '2024-02',
        income: 0,
        expenses: 0,
        net: 0,
        savingsRate: null,
        movingAverage3: { income: 150_000, expenses: 100_000, net: 50_000 },
        change: { income: -300_001, expenses: -200_000, net: -100_001 },
      },
      {
        // 610 001 / 3 = 203 333.67; 450 001 / 3 = 150 000.33; 160 000 / 3 = 53 333.33.
        month: '2024-03',
        income: 310_000,
        expenses: 250_001,
        net: 59_999,
        savingsRate: 0.1935,
        movingAverage3: { income: 203_334, expenses: 150_000, net: 53_333 },
        change: { income: 310_000, expenses: 250_001, net: 59_999 },
      },
      {
        // February, March, April: 310 000 / 3; 260 001 / 3 = 86 667; 49 999 / 3 = 16 666.33.
        month: '2024-04',
        income: 0,
        expenses: 10_000,
        net: -10_000,
        savingsRate: null,
        movingAverage3: { income: 103_333, expenses: 86_667, net: 16_666 },
        change: { income: -310_000, expenses: -240_001, net: -69_999 },
      },
    ]);
  });

  it('gives a series per category, parents rolled up, largest total first', () => {
    const { byCategory } = trends(months, CATEGORIES);
    expect(byCategory.map((c) => [c.categoryId, c.kind, c.level, c.total, c.series.map((p) => p.amount)])).toEqual([
      ['income', 'income', 'parent', 610_001, [300_001, 0, 310_000, 0]],
      ['income.salary', 'income', 'child', 610_001, [300_001, 0, 310_000, 0]],
      ['food', 'expense', 'parent', 380_001, [120_000, 0, 250_001, 10_000]],
      ['food.groceries', 'expense', 'child', 280_001, [120_000, 0, 150_001, 10_000]],
      ['food.restaurants', 'expense', 'child', 100_000, [0, 0, 100_000, 0]],
      ['housing', 'expense', 'parent', 80_000, [80_000, 0, 0, 0]],
      ['housing.rent', 'expense', 'child', 80_000, [80_000, 0, 0, 0]],
    ]);
    expect(byCategory[0]?.series.map((p) => p.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(byCategory[0]?.name).toBe('Income');
  });

  it('runs a cumulative net over the months', () => {
    expect(cashflow(months)).toEqual([
      { month: '2024-01', income: 300_001, expenses: 200_000, net: 100_001, cumulative: 100_001 },
      { month: '2024-02', income: 0, expenses: 0, net: 0, cumulative: 100_001 },
      { month: '2024-03', income: 310_000, expenses: 250_001, net: 59_999, cumulative: 160_000 },
      { month: '2024-04', income: 0, expenses: 10_000, net: -10_000, cumulative: 150_000 },
    ]);
  });

  it('is empty for no months, and refuses repeated months or a span over 120 months', () => {
    expect(trends([], CATEGORIES)).toEqual({ series: [], byCategory: [] });
    expect(cashflow([])).toEqual([]);
    expect(() => trends([{ month: '2024-01', fields: jan }, { month: '2024-01', fields: mar }], CATEGORIES)).toThrow(ValidationError);
    expect(() => cashflow([{ month: '2014-01', fields: jan }, { month: '2024-01', fields: mar }])).toThrow(ValidationError);
    expect(cashflow([{ month: '2014-02', fields: jan }, { month: '2024-01', fields: mar }])).toHaveLength(120);
    expect(() => cashflow([{ month: '2024-13', fields: jan }])).toThrow(ValidationError);
  });

  it('totals categories over a range with shares of the range totals', () => {
    // Act
    const totals = categoryTotals([jan, undefined, mar, apr], CATEGORIES);

    // Assess
    expect(totals).toMatchObject({ income: 610_001, expenses: 460_001, net: 150_000, transactionCount: 0 });
    expect(totals.byCategory.map((r) => [r.categoryId, r.level, r.amount, r.share])).toEqual([
      ['income', 'parent', 610_001, 1],
      ['income.salary', 'child', 610_001, 1],
      ['food', 'parent', 380_001, 0.8261],
      ['food.groceries', 'child', 280_001, 0.6087],
      ['food.restaurants', 'child', 100_000, 0.2174],
      ['housing', 'parent', 80_000, 0.1739],
      ['housing.rent', 'child', 80_000, 0.1739],
    ]);
  });
});

describe('ratio and meanMinor', () => {
  it('rounds ratios half-even to four decimals, exactly', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(-1, 3)).toBe(-0.3333);
    expect(ratio(1, 20_000)).toBe(0); // 0.00005: a tie, to the even 0
    expect(ratio(3, 20_000)).toBe(0.0002); // 0.00015: a tie, to the even 2
    expect(ratio(-1, 20_000)).toBe(0);
    expect(Object.is(ratio(-1, 20_000), -0)).toBe(false);
    expect(ratio(5, 0)).toBeNull();
  });

  it('averages minor units half-even', () => {
    expect(meanMinor([1, 2])).toBe(2);
    expect(meanMinor([2, 3])).toBe(2);
    expect(meanMinor([-1, -2])).toBe(-2);
    expect(meanMinor([1, 1, 2])).toBe(1);
    expect(meanMinor([])).toBe(0);
  });
});
