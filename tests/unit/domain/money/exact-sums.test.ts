import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashflow, categoryTotals, monthlySummary, pickStoredFields, trends } from '../../../../shared/domain/analytics';
import { bigOf, readInt, sumExact, toExactMinor, toStoredInt } from '../../../../shared/domain/money';

const BIG = 2n ** 60n + 7n; // past 2^53, odd: no double holds it

describe('exact sums', () => {
  it('answers a safe integer as a number and anything larger as its digits', () => {
    expect(toExactMinor(9007199254740991n)).toBe(9007199254740991);
    expect(toExactMinor(-9007199254740991n)).toBe(-9007199254740991);
    expect(toExactMinor(9007199254740992n)).toBe('9007199254740992');
    expect(toExactMinor(-BIG)).toBe(`-${BIG}`);
    expect(toStoredInt(BIG)).toBe(BIG);
    expect(toStoredInt(5n)).toBe(5);
  });

  it('reads what storage returns without throwing: numbers, bigints, wrapped numbers; skips the malformed', () => {
    expect(readInt(42)).toBe(42n);
    expect(readInt(BIG)).toBe(BIG);
    expect(readInt({ value: String(BIG) })).toBe(BIG);
    expect(readInt('-12')).toBe(-12n);
    for (const bad of [1.5, Number.NaN, 2 ** 60, '1e5', '', null, undefined, {}, 'x']) expect(readInt(bad)).toBeUndefined();
    expect(() => bigOf('1.5')).toThrow('integer');
  });

  it(`sumExact equals the BigInt sum for any integers (1000 runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n })), { maxLength: 30 }), (values) => {
        const reference = values.reduce<bigint>((s, v) => s + BigInt(v), 0n);
        expect(sumExact(values)).toBe(reference);
        expect(BigInt(toExactMinor(sumExact(values)))).toBe(reference);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('analytics read models over counters past 2^53', () => {
  const huge = pickStoredFields({ pk: 'USER#u', sk: 'ROLLUP#EUR#2024-03', inc: BIG, exp: 3n, n: 1001, 'ci:salary': BIG, 'ce:food': 3, 'a:acc': BIG - 3n, 'x:junk': 5, updatedAt: 'now', 'm:shop': 1.5 });

  it('keeps only scheme fields with integer values, exactly', () => {
    expect(huge).toEqual({ inc: BIG, exp: 3, n: 1001, 'ci:salary': BIG, 'ce:food': 3, 'a:acc': BIG - 3n });
  });

  it('summary, category totals, trends and cash flow are exact and never throw', () => {
    // Act
    const summary = monthlySummary('2024-03', 'EUR', huge, huge, [{ id: 'salary', name: 'Salary', kind: 'income' }], 'now');
    const totals = categoryTotals([huge, huge, undefined], []);
    const series = trends([{ month: '2024-01', fields: undefined }, { month: '2024-03', fields: huge }], []);
    const flow = cashflow([{ month: '2024-02', fields: huge }, { month: '2024-03', fields: huge }]);
    // Assess: every amount is the exact integer, a string past 2^53
    expect(summary.income).toBe(String(BIG));
    expect(summary.net).toBe(String(BIG - 3n));
    expect(summary.change).toEqual({ income: 0, expenses: 0, net: 0 });
    expect(summary.transactionCount).toBe(1001);
    expect(summary.savingsRate).toBe(1);
    expect(summary.byCategory.find((r) => r.categoryId === 'salary')?.amount).toBe(String(BIG));
    expect(summary.byAccount).toEqual([{ accountId: 'acc', amount: String(BIG - 3n) }]);
    expect(JSON.parse(JSON.stringify(summary)).income).toBe(String(BIG));
    expect(totals.income).toBe(String(2n * BIG));
    expect(totals.byCategory[0]).toMatchObject({ categoryId: 'salary', amount: String(2n * BIG), share: 1 });
    const march = series.series.find((p) => p.month === '2024-03');
    expect(march?.income).toBe(String(BIG));
    expect(march?.movingAverage3.income).toBe(String((BIG + 1n) / 3n)); // BIG = 3k + 2: half-even rounds up
    expect(series.byCategory[0]?.total).toBe(String(BIG));
    expect(flow[1]?.cumulative).toBe(String(2n * (BIG - 3n)));
  });

  it('answers safe values as numbers, as before', () => {
    const small = pickStoredFields({ inc: 1000, exp: 250, n: 2, 'ce:food': 250, 'ci:salary': 1000 });
    const s = monthlySummary('2024-03', 'EUR', small, undefined, [], 'now');
    expect(s).toMatchObject({ income: 1000, expenses: 250, net: 750, savingsRate: 0.75 });
  });
});
