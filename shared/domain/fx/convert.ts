import { ValidationError } from '../errors';
import { assertMinor, exponentOf, fromBigAmount, type Minor } from '../money';
import { divide, ONE, parseRate, roundHalfEven, type Rational } from './rational';

/** The currency every rate of a table such as the ECB's is quoted against. */
export const BASE_CURRENCY = 'EUR';

/** A rate as published (decimal string) or already parsed. */
export type RateInput = string | Rational;

function toRational(rate: RateInput): Rational {
  return typeof rate === 'string' ? parseRate(rate) : rate;
}

/**
 * Converts `minor` units of `from` into minor units of `to` at `rate` (units of `to` per one unit of `from`),
 * with exact rational arithmetic and ONE half-even rounding to `to`'s exponent, whatever the exponents
 * (JPY 0 → BHD 3 and back included).
 *
 * `convert(1000, 'EUR', 'USD', '1.1252')` → 1125 (10.00 EUR → 11.252 → 11.25 USD).
 *
 * @throws ValidationError on an unknown currency, a non-integer amount, a rate that is not positive, or a
 * result past the ceiling of one amount (`MAX_AMOUNT`, 10^13 minor units): a ceiling amount at an extreme rate
 * is refused, never rounded or clamped.
 */
export function convert(minor: Minor, from: string, to: string, rate: RateInput): Minor {
  assertMinor(minor);
  const r = toRational(rate);
  if (r.num <= 0n || r.den <= 0n) {
    const message = 'an exchange rate must be greater than zero';
    throw new ValidationError(message, [{ path: 'rate', message }]);
  }
  const shift = exponentOf(to) - exponentOf(from);
  const scale = 10n ** BigInt(Math.abs(shift));
  const num = BigInt(minor) * r.num * (shift > 0 ? scale : 1n);
  const den = r.den * (shift < 0 ? scale : 1n);
  return fromBigAmount(roundHalfEven(num, den), 'baseAmount');
}

/**
 * The rate from `from` to `to` (units of `to` per one `from`) out of a table of rates against EUR (units of each
 * currency per one EUR, as the ECB publishes them), composed exactly: `to/EUR ÷ from/EUR`, never rounded.
 * EUR itself need not be in the table. Same currency → 1.
 *
 * @returns `undefined` when a needed rate is missing — a missing rate is never taken as 1:1.
 * @throws ValidationError when a needed rate in the table is not a positive decimal.
 */
export function crossRate(ratesPerEur: Readonly<Record<string, RateInput | undefined>>, from: string, to: string): Rational | undefined {
  if (from === to) return ONE;
  const perEur = (code: string): Rational | undefined => {
    if (code === BASE_CURRENCY) return ONE;
    const raw = Object.prototype.hasOwnProperty.call(ratesPerEur, code) ? ratesPerEur[code] : undefined;
    return raw === undefined ? undefined : toRational(raw);
  };
  const fromRate = perEur(from);
  const toRate = perEur(to);
  if (!fromRate || !toRate) return undefined;
  return divide(toRate, fromRate);
}

/**
 * Converts through a table of rates against EUR: {@link crossRate} then {@link convert}, one rounding.
 * @returns `undefined` when a needed rate is missing (the caller marks the transaction's conversion pending).
 */
export function convertWithTable(
  minor: Minor,
  from: string,
  to: string,
  ratesPerEur: Readonly<Record<string, RateInput | undefined>>,
): Minor | undefined {
  const rate = crossRate(ratesPerEur, from, to);
  return rate === undefined ? undefined : convert(minor, from, to, rate);
}

/** The rate of the opposite direction as a rational (`USD per EUR 1.25` → `EUR per USD 4/5`). */
export function invertRate(rate: RateInput): Rational {
  return divide(ONE, toRational(rate));
}
