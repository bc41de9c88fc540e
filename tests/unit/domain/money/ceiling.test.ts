import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { convert } from '../../../../shared/domain/fx';
import { validateTransaction } from '../../../../shared/domain/ledger';
import { assertAmount, fromBigAmount, isAmount, MAX_AMOUNT, parseAmount } from '../../../../shared/domain/money';

const base = { type: 'income', currency: 'EUR', date: '2024-03-15', description: 'Payout' };

describe('the ceiling of one amount', () => {
  it('is 10^13 minor units, and leaves bounded sums exact in a double', () => {
    // Assess
    expect(MAX_AMOUNT).toBe(10 ** 13);
    // A split (≤ 100 parts) and one analytics delivery (≤ 100 events, each moving a counter by ≤ 2 amounts).
    expect(2 * 100 * MAX_AMOUNT).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [MAX_AMOUNT, true],
    [-MAX_AMOUNT, true],
    [0, true],
    [MAX_AMOUNT + 1, false],
    [-MAX_AMOUNT - 1, false],
    [Number.MAX_SAFE_INTEGER, false],
    [1.5, false],
    [Number.NaN, false],
    ['5', false],
  ])('isAmount(%s) is %s', (value, expected) => {
    expect(isAmount(value)).toBe(expected);
  });

  it('refuses past the ceiling naming it, in every check', () => {
    // Act + Assess
    expect(() => assertAmount(MAX_AMOUNT + 1, 'openingBalance')).toThrow(/openingBalance must be at most 10,000,000,000,000/);
    expect(assertAmount(-MAX_AMOUNT)).toBe(-MAX_AMOUNT);
    expect(() => fromBigAmount(10n ** 13n + 1n)).toThrow('10,000,000,000,000');
    expect(fromBigAmount(-(10n ** 13n))).toBe(-MAX_AMOUNT);
    expect(() => parseAmount('100000000000.01', 'EUR')).toThrow('ceiling of 10,000,000,000,000');
    expect(parseAmount('100,000,000,000.00', 'EUR')).toBe(MAX_AMOUNT);
  });

  it('refuses a transaction or a split part past the ceiling, saying so', () => {
    // Act
    const amount = () => validateTransaction({ ...base, amount: MAX_AMOUNT + 1 });
    const split = () =>
      validateTransaction({
        ...base,
        type: 'expense',
        amount: 2,
        splits: [
          { categoryId: 'food', amount: Math.floor(Number.MAX_SAFE_INTEGER / 4) },
          { categoryId: 'rent', amount: 2 - Math.floor(Number.MAX_SAFE_INTEGER / 4) },
        ],
      });
    // Assess
    expect(amount).toThrow(ValidationError);
    expect(amount).toThrow(/amount must be at most 10,000,000,000,000/);
    try {
      split();
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).errors.map((x) => x.path)).toEqual(['splits[0].amount', 'splits[1].amount']);
      expect((e as ValidationError).errors[0]?.message).toContain('10,000,000,000,000');
    }
    expect(validateTransaction({ ...base, amount: MAX_AMOUNT }).amount).toBe(MAX_AMOUNT);
  });

  it('refuses a conversion whose result passes the ceiling, at any rate, never clamping', () => {
    expect(() => convert(MAX_AMOUNT, 'EUR', 'IDR', '17000')).toThrow('10,000,000,000,000');
    expect(() => convert(1_000_000_000, 'KWD', 'VND', '999999999999.999999999999')).toThrow('10^13');
    expect(convert(MAX_AMOUNT, 'EUR', 'USD', '1')).toBe(MAX_AMOUNT);
  });
});
