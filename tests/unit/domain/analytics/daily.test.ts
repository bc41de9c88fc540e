import { describe, expect, it } from 'vitest';
import { contribution, dailyContribution, delta, mergeDeltas, recount, recountExact, rollupKeyString, type RollupDelta } from '../../../../shared/domain/analytics';
import { ValidationError } from '../../../../shared/domain/errors';
import { tx } from './fixtures';

const daily = (parts: RollupDelta[]) => parts.filter((p) => p.key.day !== undefined);
const keysOf = (parts: RollupDelta[]) => parts.map((p) => rollupKeyString(p.key));

describe('dailyContribution', () => {
  it('counts a converted expense in its day: exp and its category only', () => {
    expect(dailyContribution(tx())).toEqual({ key: { baseCurrency: 'EUR', month: '2024-03', day: '2024-03-14' }, fields: { exp: 4250, 'ce:food.coffee': 4250 } });
  });

  it('counts a converted income as inc and ci:, its category defaulting to uncategorised', () => {
    expect(dailyContribution(tx({ type: 'income', categoryId: null, amount: 150_000, currency: 'USD', baseAmount: 138_012 }))?.fields).toEqual({
      inc: 138_012,
      'ci:_uncategorised': 138_012,
    });
  });

  it('allocates split parts as the monthly rollup does, a refund part lowering its category', () => {
    // Prepare: $100.00 = groceries $120.00 − a $20.00 refund on electronics, converted to €92.01.
    const purchase = tx({
      amount: 10_000,
      currency: 'USD',
      baseAmount: 9201,
      categoryId: null,
      splits: [
        { categoryId: 'food.groceries', amount: 12_000 },
        { categoryId: 'shopping.electronics', amount: -2000 },
      ],
    });

    // Act
    const day = dailyContribution(purchase)?.fields ?? {};
    const month = contribution(purchase)?.fields ?? {};

    // Assess: the same parts as the month, and they add up to exp.
    expect(day).toEqual({ exp: 9201, 'ce:food.groceries': month['ce:food.groceries'], 'ce:shopping.electronics': month['ce:shopping.electronics'] });
    expect(day['ce:shopping.electronics']).toBeLessThan(0);
    expect((day['ce:food.groceries'] ?? 0) + (day['ce:shopping.electronics'] ?? 0)).toBe(9201);
  });

  it('adds nothing for a converted transfer (never spending or income)', () => {
    expect(dailyContribution(tx({ type: 'transfer', categoryId: null, toAccountId: 'acc-savings' }))).toBeUndefined();
  });

  it('counts a pending-FX expense only in native pce:/pcen: and pn, never in exp or ce:', () => {
    const pending = tx({ amount: 10_000, currency: 'JPY', baseAmount: null, fxStatus: 'pending' });
    expect(dailyContribution(pending)?.fields).toEqual({ pn: 1, 'pce:JPY:food.coffee': 10_000, 'pcen:JPY:food.coffee': 1 });
    // A base amount with a pending status is still pending: never taken.
    expect(dailyContribution({ ...pending, baseAmount: 60 })?.fields).toEqual({ pn: 1, 'pce:JPY:food.coffee': 10_000, 'pcen:JPY:food.coffee': 1 });
  });

  it('counts a pending split by native part: a refund part lowers pce:, each category counted once', () => {
    const pending = tx({
      amount: 9000,
      currency: 'USD',
      baseAmount: null,
      fxStatus: 'pending',
      categoryId: null,
      splits: [
        { categoryId: 'food.groceries', amount: 6000 },
        { categoryId: 'food.groceries', amount: 4000 },
        { categoryId: 'shopping.electronics', amount: -1000 },
      ],
    });
    expect(dailyContribution(pending)?.fields).toEqual({
      pn: 1,
      'pce:USD:food.groceries': 10_000,
      'pcen:USD:food.groceries': 1,
      'pce:USD:shopping.electronics': -1000,
      'pcen:USD:shopping.electronics': 1,
    });
  });

  it('counts a pending income or transfer in pn only', () => {
    expect(dailyContribution(tx({ type: 'income', currency: 'USD', baseAmount: null, fxStatus: 'pending' }))?.fields).toEqual({ pn: 1 });
    expect(dailyContribution(tx({ type: 'transfer', currency: 'USD', categoryId: null, toAccountId: 'acc-2', baseAmount: null, fxStatus: 'pending' }))?.fields).toEqual({ pn: 1 });
  });

  it('refuses a date that is not a real day (the event is poison, not miscounted)', () => {
    expect(() => dailyContribution(tx({ date: '2024-02-30' }))).toThrow(ValidationError);
    expect(() => delta(null, tx({ date: '2024-03' }))).toThrow(ValidationError);
  });
});

describe('delta: monthly and daily items together', () => {
  it('yields the month and the day on create, negated on delete', () => {
    const created = delta(null, tx());
    expect(keysOf(created)).toEqual(['EUR#2024-03', 'EUR#2024-03-14']);
    const deleted = delta(tx(), null);
    expect(keysOf(deleted)).toEqual(['EUR#2024-03', 'EUR#2024-03-14']);
    expect(daily(deleted)[0]?.fields).toEqual({ exp: -4250, 'ce:food.coffee': -4250 });
  });

  it('moves a date within the month: the month only loses what the day does not change, both days move', () => {
    // Act
    const parts = delta(tx(), tx({ date: '2024-03-02' }));

    // Assess: the monthly item does not change at all; the daily items move.
    expect(keysOf(parts)).toEqual(['EUR#2024-03-02', 'EUR#2024-03-14']);
    expect(parts[0]?.fields).toEqual({ exp: 4250, 'ce:food.coffee': 4250 });
    expect(parts[1]?.fields).toEqual({ exp: -4250, 'ce:food.coffee': -4250 });
  });

  it('moves a date across months: both months and both days', () => {
    const parts = delta(tx({ date: '2024-03-31' }), tx({ date: '2024-04-01' }));
    expect(keysOf(parts)).toEqual(['EUR#2024-03', 'EUR#2024-03-31', 'EUR#2024-04', 'EUR#2024-04-01']);
    expect(daily(parts).map((p) => p.fields.exp)).toEqual([-4250, 4250]);
  });

  it('moves the day of the old base currency to the new one when the base changes', () => {
    const parts = daily(delta(tx(), tx({ baseCurrency: 'USD', baseAmount: 4612 })));
    expect(keysOf(parts)).toEqual(['EUR#2024-03-14', 'USD#2024-03-14']);
    expect(parts.map((p) => p.fields.exp)).toEqual([-4250, 4612]);
  });

  it('changes only the base difference on a currency correction, and nothing in a day for a description change', () => {
    const before = tx({ amount: 10_000, currency: 'USD', baseAmount: 9200 });
    expect(daily(delta(before, tx({ amount: 9000, currency: 'GBP', baseAmount: 10_500 })))).toEqual([
      { key: { baseCurrency: 'EUR', month: '2024-03', day: '2024-03-14' }, fields: { exp: 1300, 'ce:food.coffee': 1300 } },
    ]);
    expect(delta(tx(), tx({ description: 'something else entirely' })).some((p) => p.key.day)).toBe(false);
  });

  it('turns a pending expense into a converted one: pce:/pcen:/pn out, exp and ce: in', () => {
    const pending = tx({ amount: 10_000, currency: 'JPY', baseAmount: null, fxStatus: 'pending' });
    expect(daily(delta(pending, { ...pending, baseAmount: 6173, fxStatus: 'converted' }))[0]?.fields).toEqual({
      exp: 6173,
      'ce:food.coffee': 6173,
      pn: -1,
      'pce:JPY:food.coffee': -10_000,
      'pcen:JPY:food.coffee': -1,
    });
  });

  it('turns an expense into a transfer: the day loses the spending and gains nothing', () => {
    const expense = tx({ categoryId: null });
    expect(daily(delta(expense, { ...expense, type: 'transfer', toAccountId: 'acc-savings' }))[0]?.fields).toEqual({ exp: -4250, 'ce:_uncategorised': -4250 });
  });

  it('recounts days from rows as the sum of their daily contributions, exactly', () => {
    const rows = [tx(), tx({ date: '2024-03-02', amount: 100, baseAmount: 100 }), tx({ amount: 50, baseAmount: 50 })];
    const days = [...recount(rows)].filter(([k]) => k.length > 11);
    expect(days).toEqual([
      ['EUR#2024-03-02', { 'ce:food.coffee': 100, exp: 100 }],
      ['EUR#2024-03-14', { 'ce:food.coffee': 4300, exp: 4300 }],
    ]);
    expect(recountExact(rows).get('EUR#2024-03-14')).toEqual({ 'ce:food.coffee': 4300n, exp: 4300n });
    expect(mergeDeltas(rows.flatMap((r) => delta(null, r))).map((d) => [rollupKeyString(d.key), d.fields])).toEqual([...recount(rows)]);
  });
});
