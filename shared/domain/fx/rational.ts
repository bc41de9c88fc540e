import { ValidationError } from '../errors';

/**
 * An exact fraction of BigInts, always reduced, with a positive denominator. Exchange rates are kept as
 * rationals so that a conversion, even one crossed through a third currency, is rounded exactly once.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** The rational 1. */
export const ONE: Rational = Object.freeze({ num: 1n, den: 1n });

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * `num / den`, reduced, with the sign on the numerator.
 * @throws ValidationError when `den` is zero.
 */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new ValidationError('a fraction cannot have a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** `a × b`. */
export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/**
 * `a ÷ b`.
 * @throws ValidationError when `b` is zero.
 */
export function divide(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new ValidationError('cannot divide by a zero rate');
  return rational(a.num * b.den, a.den * b.num);
}

/** `1 ÷ r` (the rate of the opposite direction). */
export function reciprocal(r: Rational): Rational {
  return divide(ONE, r);
}

/** Whether two rationals are equal. */
export function equals(a: Rational, b: Rational): boolean {
  return a.num * b.den === b.num * a.den;
}

/** `-1`, `0` or `1` as `a` is less than, equal to or greater than `b`. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * `num / den` rounded to the nearest integer, ties to the even one (banker's rounding), exactly.
 * The rounding is symmetric: `roundHalfEven(-n, d) = -roundHalfEven(n, d)`.
 * @throws ValidationError when `den` is zero.
 */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new ValidationError('a fraction cannot have a zero denominator');
  if (den < 0n) return roundHalfEven(-num, -den);
  if (num < 0n) return -roundHalfEven(-num, den);
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den) return q + 1n;
  if (twice < den) return q;
  return q % 2n === 0n ? q : q + 1n;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * An exact rational from a plain decimal string (`"1.1252"`, `"163.36"`, `"-0.5"`, `"12"`).
 * No exponent notation, no grouping: rates are data, not prose.
 * @throws ValidationError when the text is not a plain decimal.
 */
export function parseDecimal(text: string): Rational {
  const m = typeof text === 'string' ? DECIMAL.exec(text.trim()) : null;
  const whole = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || (whole === '' && frac === '') || text.trim().length > 60) {
    const message = `${JSON.stringify(text)} is not a plain decimal number`;
    throw new ValidationError(message, [{ path: 'rate', message }]);
  }
  const num = BigInt((whole || '0') + frac);
  return rational(m[1] === '-' ? -num : num, 10n ** BigInt(frac.length));
}

/**
 * An exchange rate (units of quote currency per one unit of base currency, e.g. ECB `"1.1252"` USD per EUR) as
 * an exact rational.
 * @throws ValidationError when the text is not a positive plain decimal.
 */
export function parseRate(text: string): Rational {
  const r = parseDecimal(text);
  if (r.num <= 0n) {
    const message = `${JSON.stringify(text)} is not a usable exchange rate: it must be greater than zero`;
    throw new ValidationError(message, [{ path: 'rate', message }]);
  }
  return r;
}

/**
 * A decimal string of `r` rounded half-even to `places` decimal places (for display or logs; conversions use
 * the rational itself).
 */
export function toDecimalString(r: Rational, places = 10): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundHalfEven(r.num * scale, r.den);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const body = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return (negative ? '-' : '') + body;
}
