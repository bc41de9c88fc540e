import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { compare, divide, equals, multiply, parseDecimal, parseRate, rational, reciprocal, roundHalfEven, toDecimalString } from '../../../../shared/domain/fx';

const RUNS = 10_000;

/** Reference rounding built differently: from floor division and the remainder's position. */
function referenceHalfEven(n: bigint, d: bigint): bigint {
  const q = n >= 0n ? n / d : -((-n + d - 1n) / d); // floor(n / d) for d > 0
  const r = n - q * d; // 0 ≤ r < d
  if (2n * r < d) return q;
  if (2n * r > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

describe('roundHalfEven', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [1n, 2n, 0n],
    [-1n, 2n, 0n],
    [3n, 2n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [25n, 10n, 2n],
    [35n, 10n, 4n],
    [251n, 100n, 3n],
    [0n, 7n, 0n],
    [10n, 1n, 10n],
    [5n, -2n, -2n],
  ])('rounds %d/%d to %d', (n, d, expected) => {
    expect(roundHalfEven(n, d)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(ValidationError);
  });

  it(`matches a floor-based BigInt reference and stays within half a unit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (n, d) => {
        const r = roundHalfEven(n, d);
        const err = r * d - n; // (r − n/d)·d
        return r === referenceHalfEven(n, d) && 2n * (err < 0n ? -err : err) <= d && roundHalfEven(-n, d) === -r;
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('rationals', () => {
  it('reduces and keeps the sign on the numerator', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(rational(0n, 5n)).toEqual({ num: 0n, den: 1n });
    expect(() => rational(1n, 0n)).toThrow(ValidationError);
  });

  it('multiplies, divides, compares exactly', () => {
    const a = parseDecimal('1.1252');
    const b = parseDecimal('163.36');
    expect(a).toEqual({ num: 2813n, den: 2500n });
    expect(multiply(a, reciprocal(a))).toEqual({ num: 1n, den: 1n });
    expect(divide(b, a)).toEqual({ num: 408400n, den: 2813n });
    expect(equals(divide(b, a), rational(408400n, 2813n))).toBe(true);
    expect(compare(a, b)).toBe(-1);
    expect(compare(b, a)).toBe(1);
    expect(compare(a, parseDecimal('1.12520'))).toBe(0);
    expect(() => divide(a, parseDecimal('0'))).toThrow(ValidationError);
  });

  it.each([
    ['1.1252', 2813n, 2500n],
    ['163.36', 4084n, 25n],
    ['12', 12n, 1n],
    ['0.5', 1n, 2n],
    ['.5', 1n, 2n],
    ['-0.25', -1n, 4n],
    ['18606.59', 1860659n, 100n],
    [' 1.0 ', 1n, 1n],
  ])('parses %j exactly', (text, num, den) => {
    expect(parseDecimal(text)).toEqual({ num, den });
  });

  it.each(['', '.', 'abc', '1e-3', '1,5', '1.2.3', '--1', 'N/A', '1'.repeat(61)])('refuses %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(ValidationError);
  });

  it.each(['0', '0.000', '-1.2'])('refuses the rate %j (not positive)', (text) => {
    expect(() => parseRate(text)).toThrow('greater than zero');
  });

  it('writes a rational as a rounded decimal for display', () => {
    expect(toDecimalString(divide(parseDecimal('163.36'), parseDecimal('1.1252')), 6)).toBe('145.183079');
    expect(toDecimalString(rational(-1n, 8n), 2)).toBe('-0.12');
    expect(toDecimalString(rational(7n, 2n), 0)).toBe('4');
  });
});
