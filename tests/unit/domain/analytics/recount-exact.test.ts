import { describe, expect, it } from 'vitest';
import { fieldDifference, recount, recountExact } from '../../../../shared/domain/analytics';
import { tx } from './fixtures';

const NEAR_CEILING = 9_999_999_999_999;

describe('recountExact', () => {
  it('gives the same counters as recount where recount can count', () => {
    const rows = [
      tx({ type: 'income', amount: 320_000, description: 'ACME GMBH SALARY', categoryId: 'income.salary', baseAmount: 320_000, date: '2024-03-01' }),
      tx(),
      tx({ type: 'transfer', amount: 50_000, categoryId: null, toAccountId: 'acc-savings', baseAmount: 50_000 }),
      tx({ amount: 3000, currency: 'USD', baseAmount: null, fxStatus: 'pending' }),
      tx({ date: '2024-04-02' }),
    ];
    const exact = recountExact(rows);
    const plain = recount(rows);
    expect([...exact.keys()]).toEqual([...plain.keys()]);
    for (const [key, fields] of plain) expect(exact.get(key)).toEqual(Object.fromEntries(Object.entries(fields).map(([n, v]) => [n, BigInt(v)])));
  });

  it('sums a month past 2^53 exactly where recount throws', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => tx({ amount: NEAR_CEILING, baseAmount: NEAR_CEILING, description: `Shop ${'abc'[i % 3] ?? ''}` }));
    expect(() => recount(rows)).toThrow(/safe-integer/);
    const march = recountExact(rows).get('EUR#2024-03');
    expect(march?.exp).toBe(9_999_999_999_999_000n);
    expect(march?.['a:acc-checking']).toBe(-9_999_999_999_999_000n);
    expect(march?.n).toBe(1000n);
  });

  it('leaves out counters that cancel out', () => {
    const rows = [tx({ type: 'transfer', accountId: 'a', toAccountId: 'a', categoryId: null })];
    expect(recountExact(rows).get('EUR#2024-03')).toEqual({ tn: 1n, tr: 4250n });
  });
});

describe('fieldDifference', () => {
  it('is want − have field by field, exact, with agreeing fields left out', () => {
    const want = { exp: 2n ** 60n, n: 3n, tn: 1n };
    const have = { exp: 2n ** 60n - 1n, n: 3, 'ce:x': 7, bogus: 'x' as unknown as number };
    expect(fieldDifference(want, have)).toEqual({ 'ce:x': -7n, exp: 1n, tn: 1n });
    expect(fieldDifference(want, { exp: 2n ** 60n, n: 3, tn: 1 })).toEqual({});
    expect(fieldDifference(undefined, undefined)).toEqual({});
  });
});
