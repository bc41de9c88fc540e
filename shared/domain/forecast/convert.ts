import { crossRate, type RateInput } from '../fx/convert';
import { roundHalfEven } from '../fx/rational';
import { exponentOf, isCurrency } from '../money';

/**
 * Converts an exact amount (minor units of `from`, any size: a balance is a sum) into minor units of `to` through a
 * table of rates against EUR, with one half-even rounding, like shared/domain/fx's `convert` but without its
 * one-amount ceiling. Undefined when a rate is missing or a currency unknown — never 1:1.
 */
export function convertExact(amount: bigint, from: string, to: string, ratesPerEur: Readonly<Record<string, RateInput | undefined>>): bigint | undefined {
  if (from === to) return amount;
  if (!isCurrency(from) || !isCurrency(to)) return undefined;
  const rate = crossRate(ratesPerEur, from, to);
  if (!rate || rate.num <= 0n || rate.den <= 0n) return undefined;
  const shift = exponentOf(to) - exponentOf(from);
  const scale = 10n ** BigInt(Math.abs(shift));
  return roundHalfEven(amount * rate.num * (shift > 0 ? scale : 1n), rate.den * (shift < 0 ? scale : 1n));
}
