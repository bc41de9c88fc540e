import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import type { TransactionRecord } from '../../../../shared/adapters/ledger';
import {
  allocateSigned,
  contribution,
  delta,
  isRollupField,
  mergeDeltas,
  parseRollupKey,
  pickRollupFields,
  recount,
  rollupKeyString,
  type AnalyticsTransaction,
  type RollupDelta,
} from '../../../../shared/domain/analytics';
import { ValidationError } from '../../../../shared/domain/errors';
import { tx } from './fixtures';

describe('contribution', () => {
  it('accepts a stored TransactionRecord as it is', () => {
    expectTypeOf<TransactionRecord>().toExtend<AnalyticsTransaction>();
    expectTypeOf<
      Pick<TransactionRecord, 'type' | 'amount' | 'currency' | 'date' | 'description' | 'categoryId' | 'accountId' | 'toAccountId' | 'splits' | 'baseAmount' | 'baseCurrency' | 'fxStatus'>
    >().toExtend<AnalyticsTransaction>();
  });

  it('counts a converted expense as spend of its category, account, currency and merchant', () => {
    // Prepare
    const coffee = tx();

    // Act
    const c = contribution(coffee);

    // Assess
    expect(c).toEqual({
      key: { baseCurrency: 'EUR', month: '2024-03' },
      fields: {
        exp: 4250,
        n: 1,
        'ce:food.coffee': 4250,
        'a:acc-checking': -4250,
        'cur:EUR': -4250,
        'curn:EUR': 1,
        'm:starbucks': 4250,
        'mn:starbucks': 1,
      },
    });
  });

  it('allocates the base amount of a JPY split over its categories so the parts sum to baseAmount exactly', () => {
    // Prepare: ¥10,000 at 0.006173 EUR/JPY is €61.73; exact shares 2469.2, 2160.55, 1543.25 cents.
    const aeon = tx({
      amount: 10_000,
      currency: 'JPY',
      date: '2024-04-02',
      description: 'AEON STYLE SHINJUKU 0402',
      categoryId: null,
      splits: [
        { categoryId: 'food.groceries', amount: 4000 },
        { categoryId: 'food.restaurants', amount: 3500 },
        { categoryId: 'shopping.household', amount: 2500 },
      ],
      baseAmount: 6173,
    });

    // Act
    const c = contribution(aeon);

    // Assess: floors 2469 + 2160 + 1543 = 6172; the cent left goes to the largest remainder (.55, restaurants).
    expect(c?.key).toEqual({ baseCurrency: 'EUR', month: '2024-04' });
    expect(c?.fields).toEqual({
      exp: 6173,
      n: 1,
      'ce:food.groceries': 2469,
      'ce:food.restaurants': 2161,
      'ce:shopping.household': 1543,
      'a:acc-checking': -6173,
      'cur:JPY': -10_000,
      'curn:JPY': 1,
      'm:aeon style shinjuku': 6173,
      'mn:aeon style shinjuku': 1,
    });
  });

  it('allocates a split with a refund part: the positive and negative groups still sum to baseAmount', () => {
    // Prepare: ¥6,000 headphones minus a ¥1,000 refund of a return, €30.87 in all.
    const purchase = tx({
      amount: 5000,
      currency: 'JPY',
      categoryId: null,
      splits: [
        { categoryId: 'shopping.electronics', amount: 6000 },
        { categoryId: 'shopping.household', amount: -1000 },
      ],
      baseAmount: 3087,
    });

    // Act
    const fields = contribution(purchase)?.fields ?? {};

    // Assess: 3087 × 6000/5000 = 3704.4 → 3704; 3704 − 3087 = 617 (exact −617.4).
    expect(fields['ce:shopping.electronics']).toBe(3704);
    expect(fields['ce:shopping.household']).toBe(-617);
    expect(fields.exp).toBe(3087);
  });

  it('counts BHD income in base currency, and its native amount with three decimals under cur:BHD', () => {
    // Prepare: 1,250.500 BHD of freelance income, €3,050.12 once converted.
    const invoice = tx({ type: 'income', amount: 1_250_500, currency: 'BHD', description: 'INVOICE 2024-07', categoryId: 'income.freelance', accountId: 'acc-bh', baseAmount: 305_012 });

    // Act
    const fields = contribution(invoice)?.fields;

    // Assess: income has no merchant fields.
    expect(fields).toEqual({ inc: 305_012, n: 1, 'ci:income.freelance': 305_012, 'a:acc-bh': 305_012, 'cur:BHD': 1_250_500, 'curn:BHD': 1 });
  });

  it('splits BHD income into base cents by largest remainder', () => {
    // Prepare: 1.000 BHD → €2.43; exact shares 80.919, 80.919, 81.162.
    const income = tx({
      type: 'income',
      amount: 1000,
      currency: 'BHD',
      categoryId: null,
      splits: [
        { categoryId: 'income.salary', amount: 333 },
        { categoryId: 'income.bonus', amount: 333 },
        { categoryId: 'income.other', amount: 334 },
      ],
      baseAmount: 243,
    });

    // Act
    const fields = contribution(income)?.fields ?? {};

    // Assess: floors 80 + 80 + 81 = 241; the two cents left go to the two .919 remainders.
    expect([fields['ci:income.salary'], fields['ci:income.bonus'], fields['ci:income.other']]).toEqual([81, 81, 81]);
  });

  it('puts income without category or account under the reserved ids', () => {
    const c = contribution(tx({ type: 'income', amount: 150_000, currency: 'USD', categoryId: null, accountId: null, baseAmount: 138_012 }));
    expect(c?.fields).toEqual({ inc: 138_012, n: 1, 'ci:_uncategorised': 138_012, 'a:_none': 138_012, 'cur:USD': 150_000, 'curn:USD': 1 });
  });

  it('never counts a pending-FX transaction at 1:1: only pn, pcn and the native amount', () => {
    // Prepare
    const pending = tx({ amount: 10_000, currency: 'JPY', baseAmount: null, fxStatus: 'pending' });
    const inconsistent = tx({ amount: 10_000, currency: 'JPY', baseAmount: null, fxStatus: 'converted' });
    const pendingIncome = tx({ type: 'income', amount: 2500, currency: 'USD', baseAmount: 2300, fxStatus: 'pending' });

    // Act / Assess
    expect(contribution(pending)?.fields).toEqual({ pn: 1, 'pcn:JPY': 1, 'p:JPY': -10_000 });
    expect(contribution(inconsistent)?.fields).toEqual({ pn: 1, 'pcn:JPY': 1, 'p:JPY': -10_000 });
    expect(contribution(pendingIncome)?.fields).toEqual({ pn: 1, 'pcn:USD': 1, 'p:USD': 2500 });
  });

  it('counts a transfer apart: account flows −/+ and tn/tr, never income, spending or a category', () => {
    // Prepare
    const toSavings = tx({ type: 'transfer', amount: 50_000, description: 'Monthly savings', categoryId: null, accountId: 'acc-checking', toAccountId: 'acc-savings', baseAmount: 50_000 });
    const pending = tx({ type: 'transfer', amount: 50_000, currency: 'USD', categoryId: null, toAccountId: 'acc-savings', baseAmount: null, fxStatus: 'pending' });

    // Act / Assess
    expect(contribution(toSavings)?.fields).toEqual({ tn: 1, tr: 50_000, 'a:acc-checking': -50_000, 'a:acc-savings': 50_000 });
    expect(contribution(pending)?.fields).toEqual({ pn: 1, 'pcn:USD': 1 });
  });

  it('leaves zero values out (a converted amount that rounds to 0 still counts once)', () => {
    const tiny = tx({ type: 'income', amount: 1, currency: 'JPY', categoryId: 'income.interest', baseAmount: 0 });
    expect(contribution(tiny)?.fields).toEqual({ n: 1, 'cur:JPY': 1, 'curn:JPY': 1 });
  });

  it('refuses a malformed record', () => {
    expect(() => contribution(tx({ date: '14/03/2024' }))).toThrow(ValidationError);
    expect(() => contribution(tx({ amount: 12.5 }))).toThrow(ValidationError);
    expect(() => contribution(tx({ baseAmount: 1.5 }))).toThrow(ValidationError);
    expect(() => contribution(tx({ baseCurrency: '' }))).toThrow(ValidationError);
    expect(() => contribution(tx({ type: 'refund' as never }))).toThrow(ValidationError);
  });
});

/** The monthly items of a delta (the daily ones are tested in daily.test.ts). */
const monthly = (parts: RollupDelta[]) => parts.filter((p) => p.key.day === undefined);

describe('delta (monthly items)', () => {
  it('is the contribution on create and its negation on delete', () => {
    const coffee = tx();
    const c = contribution(coffee);
    expect(monthly(delta(null, coffee))).toEqual([c]);
    const [removed] = monthly(delta(coffee, undefined));
    expect(removed?.key).toEqual(c?.key);
    expect(removed?.fields).toEqual(Object.fromEntries(Object.entries(c?.fields ?? {}).map(([k, v]) => [k, -v])));
  });

  it('is empty when nothing analytics read changed', () => {
    expect(monthly(delta(tx(), tx()))).toEqual([]);
    expect(monthly(delta(tx({ type: 'income' }), tx({ type: 'income', description: 'another text' })))).toEqual([]);
    expect(monthly(delta(null, null))).toEqual([]);
  });

  it('moves spend between categories within the month', () => {
    expect(monthly(delta(tx(), tx({ categoryId: 'food.restaurants' })))).toEqual([
      { key: { baseCurrency: 'EUR', month: '2024-03' }, fields: { 'ce:food.coffee': -4250, 'ce:food.restaurants': 4250 } },
    ]);
  });

  it('moves a transaction between months: a negative part for the old month and a positive one for the new', () => {
    // Act
    const parts = monthly(delta(tx({ date: '2024-03-31' }), tx({ date: '2024-04-01', categoryId: 'food.restaurants' })));

    // Assess
    expect(parts.map((p) => rollupKeyString(p.key))).toEqual(['EUR#2024-03', 'EUR#2024-04']);
    expect(parts[0]?.fields).toEqual({ exp: -4250, n: -1, 'ce:food.coffee': -4250, 'a:acc-checking': 4250, 'cur:EUR': 4250, 'curn:EUR': -1, 'm:starbucks': -4250, 'mn:starbucks': -1 });
    expect(parts[1]?.fields).toEqual({ exp: 4250, n: 1, 'ce:food.restaurants': 4250, 'a:acc-checking': -4250, 'cur:EUR': -4250, 'curn:EUR': 1, 'm:starbucks': 4250, 'mn:starbucks': 1 });
  });

  it('moves the native amount between currencies and only the base difference elsewhere', () => {
    // Prepare: $100.00 (€92.00) corrected to £90.00 (€105.00).
    const before = tx({ amount: 10_000, currency: 'USD', baseAmount: 9200 });
    const after = tx({ amount: 9000, currency: 'GBP', baseAmount: 10_500 });

    // Act / Assess
    expect(monthly(delta(before, after))).toEqual([
      {
        key: { baseCurrency: 'EUR', month: '2024-03' },
        fields: {
          exp: 1300,
          'ce:food.coffee': 1300,
          'a:acc-checking': -1300,
          'm:starbucks': 1300,
          'cur:USD': 10_000,
          'curn:USD': -1,
          'cur:GBP': -9000,
          'curn:GBP': 1,
        },
      },
    ]);
  });

  it('moves everything to another rollup when the base currency changes', () => {
    const parts = monthly(delta(tx(), tx({ baseCurrency: 'USD', baseAmount: 4612 })));
    expect(parts.map((p) => rollupKeyString(p.key))).toEqual(['EUR#2024-03', 'USD#2024-03']);
    expect(parts[0]?.fields.exp).toBe(-4250);
    expect(parts[1]?.fields.exp).toBe(4612);
  });

  it('turns a pending transaction into a converted one: pending counters out, totals in', () => {
    // Prepare
    const pending = tx({ amount: 10_000, currency: 'JPY', description: 'LAWSON 123456', baseAmount: null, fxStatus: 'pending' });
    const converted = { ...pending, baseAmount: 6173, fxStatus: 'converted' as const };

    // Act
    const parts = monthly(delta(pending, converted));

    // Assess
    expect(parts).toEqual([
      {
        key: { baseCurrency: 'EUR', month: '2024-03' },
        fields: {
          pn: -1,
          'pcn:JPY': -1,
          'p:JPY': 10_000,
          exp: 6173,
          n: 1,
          'ce:food.coffee': 6173,
          'a:acc-checking': -6173,
          'cur:JPY': -10_000,
          'curn:JPY': 1,
          'm:lawson': 6173,
          'mn:lawson': 1,
        },
      },
    ]);
    expect(mergeDeltas([...monthly(delta(null, pending)), ...parts])).toEqual([contribution(converted)]);
  });

  it('turns an expense into a transfer: spending out, account flows and transfer counters in', () => {
    const expense = tx({ amount: 20_000, baseAmount: 20_000, description: 'Payment to savings', categoryId: null });
    const transfer = { ...expense, type: 'transfer' as const, toAccountId: 'acc-savings' };
    const [part] = monthly(delta(expense, transfer));
    expect(part?.fields).toEqual({
      exp: -20_000,
      n: -1,
      'ce:_uncategorised': -20_000,
      'cur:EUR': 20_000,
      'curn:EUR': -1,
      'm:payment to savings': -20_000,
      'mn:payment to savings': -1,
      tn: 1,
      tr: 20_000,
      'a:acc-savings': 20_000,
    });
  });
});

describe('mergeDeltas and recount', () => {
  it('merges deltas of the same rollup, drops what cancels, and sorts by key', () => {
    const a = { key: { baseCurrency: 'EUR', month: '2024-04' }, fields: { exp: 100, n: 1 } };
    const b = { key: { baseCurrency: 'EUR', month: '2024-03' }, fields: { exp: 5 } };
    const c = { key: { baseCurrency: 'EUR', month: '2024-04' }, fields: { exp: -100, n: 1 } };
    const d = { key: { baseCurrency: 'EUR', month: '2024-03' }, fields: { exp: -5 } };
    expect(mergeDeltas([a, b, c, undefined])).toEqual([
      { key: { baseCurrency: 'EUR', month: '2024-03' }, fields: { exp: 5 } },
      { key: { baseCurrency: 'EUR', month: '2024-04' }, fields: { n: 2 } },
    ]);
    expect(mergeDeltas([a, b, c, d])).toEqual([{ key: { baseCurrency: 'EUR', month: '2024-04' }, fields: { n: 2 } }]);
  });

  it('refuses a sum outside the safe-integer range', () => {
    const big = { key: { baseCurrency: 'EUR', month: '2024-04' }, fields: { exp: Number.MAX_SAFE_INTEGER } };
    expect(() => mergeDeltas([big, big])).toThrow(ValidationError);
  });

  it('recounts a month from source rows', () => {
    // Prepare
    const rows = [
      tx({ type: 'income', amount: 320_000, description: 'ACME GMBH SALARY', categoryId: 'income.salary', baseAmount: 320_000, date: '2024-03-01' }),
      tx({ amount: 95_000, description: 'DAUERAUFTRAG MIETE', categoryId: 'housing.rent', baseAmount: 95_000, date: '2024-03-01' }),
      tx(),
      tx({ amount: 480, baseAmount: 480, date: '2024-03-20' }),
      tx({ type: 'transfer', amount: 50_000, categoryId: null, toAccountId: 'acc-savings', baseAmount: 50_000 }),
      tx({ amount: 3000, currency: 'USD', baseAmount: null, fxStatus: 'pending' }),
      tx({ date: '2024-04-02' }),
    ];

    // Act
    const totals = recount(rows);

    // Assess
    expect([...totals.keys()].filter((k) => k.length === 11)).toEqual(['EUR#2024-03', 'EUR#2024-04']);
    expect([...totals.keys()].filter((k) => k.length > 11)).toEqual(['EUR#2024-03-01', 'EUR#2024-03-14', 'EUR#2024-03-20', 'EUR#2024-04-02']);
    const march = totals.get('EUR#2024-03') ?? {};
    expect(march).toMatchObject({ inc: 320_000, exp: 99_730, n: 4, tn: 1, tr: 50_000, pn: 1, 'm:starbucks': 4730, 'mn:starbucks': 2, 'ce:food.coffee': 4730 });
    expect(march['a:acc-checking']).toBe(320_000 - 99_730 - 50_000);
  });
});

describe('rollup keys and stored items', () => {
  it('round-trips a key and refuses a malformed one', () => {
    expect(parseRollupKey(rollupKeyString({ baseCurrency: 'EUR', month: '2024-03' }))).toEqual({ baseCurrency: 'EUR', month: '2024-03' });
    expect(() => parseRollupKey('EUR#2024-13')).toThrow(ValidationError);
    expect(() => parseRollupKey('2024-03')).toThrow(ValidationError);
    expect(parseRollupKey(rollupKeyString({ baseCurrency: 'EUR', month: '2024-03', day: '2024-03-14' }))).toEqual({ baseCurrency: 'EUR', month: '2024-03', day: '2024-03-14' });
    expect(() => parseRollupKey('EUR#2024-03-32')).toThrow(ValidationError);
  });

  it('reads only scheme fields from a stored item', () => {
    const item = { pk: 'USER#u1', sk: 'ROLLUP#EUR#2024-03', updatedAt: '2024-03-31T10:00:00Z', inc: 100, exp: 0, 'ce:food': 5, 'x:y': 1, 'ce:': 2, n: '3' };
    expect(pickRollupFields(item)).toEqual({ inc: 100, 'ce:food': 5 });
    expect(isRollupField('pcn:JPY')).toBe(true);
    expect(isRollupField('version')).toBe(false);
  });
});

describe('allocateSigned', () => {
  it('sums exactly and stays within a unit of each exact share (non-negative weights) or two (mixed signs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: -1e9, max: 1e9 }).filter((w) => w !== 0), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const sum = weights.reduce((s, w) => s + w, 0);
          const positive = weights.filter((w) => w > 0).reduce((s, w) => s + w, 0);
          let parts: number[];
          try {
            parts = allocateSigned(total, weights);
          } catch (e) {
            // Only refused when a group's exact share is beyond the safe-integer range (weights that nearly cancel).
            expect(e).toBeInstanceOf(ValidationError);
            const share = sum === 0 ? Infinity : Math.abs((total * positive) / sum);
            expect(share).toBeGreaterThan(Number.MAX_SAFE_INTEGER / 2);
            return;
          }
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          if (sum <= 0) return;
          const mixed = weights.some((w) => w < 0);
          parts.forEach((p, i) => {
            const exact = (BigInt(total) * BigInt(weights[i] ?? 0) * 1000n) / BigInt(sum);
            const diff = BigInt(p) * 1000n - exact;
            expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(mixed ? 2000n : 1000n);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
