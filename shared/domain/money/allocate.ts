import { ValidationError } from '../errors';
import { assertMinor, type Minor } from './amount';

/** The most parts one amount may be split into (a guard against accidental huge arrays). */
export const MAX_PARTS = 10_000;

/**
 * Splits `total` minor units into parts proportional to `weights`, summing exactly to `total`
 * (largest-remainder method, in BigInt so `total × weight` never loses precision).
 *
 * Each part is the exact proportional share rounded down or up by less than one minor unit; the units left
 * over after rounding down go to the largest remainders, ties to the earlier weight. A zero weight gets 0.
 * A negative `total` is split like its absolute value and negated, so `allocate(-x, w) = -allocate(x, w)`.
 *
 * @param total integer minor units (any sign).
 * @param weights non-negative safe integers, at least one positive (e.g. percentages, basis points, or amounts).
 * @throws ValidationError on a non-integer total, negative/non-integer weights, all-zero weights, or too many parts.
 */
export function allocate(total: Minor, weights: readonly number[]): Minor[] {
  assertMinor(total, 'total');
  if (!Array.isArray(weights) || weights.length === 0) throw invalid('weights', 'must be a non-empty list');
  if (weights.length > MAX_PARTS) throw invalid('weights', `must have at most ${MAX_PARTS} entries`);
  let sum = 0n;
  const big = weights.map((w, i) => {
    if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0) {
      throw invalid(`weights[${i}]`, `must be a non-negative integer (got ${String(w)})`);
    }
    sum += BigInt(w);
    return BigInt(w);
  });
  if (sum === 0n) throw invalid('weights', 'must not all be zero');

  const magnitude = BigInt(Math.abs(total));
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of big) {
    const product = magnitude * w;
    const share = product / sum;
    floors.push(share);
    remainders.push(product % sum);
    given += share;
  }
  let left = Number(magnitude - given); // < weights.length, so a small number
  const order = remainders.map((_, i) => i).sort((a, b) => {
    const ra = remainders[a] ?? 0n;
    const rb = remainders[b] ?? 0n;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left--;
  }
  const sign = total < 0 ? -1 : 1;
  return floors.map((share) => (share === 0n ? 0 : sign * Number(share)));
}

/**
 * Splits `total` into `parts` amounts that differ by at most one minor unit and sum exactly to `total`;
 * the earlier parts carry the extra units (`splitEvenly(100, 3)` → `[34, 33, 33]`; `-100` → `[-34, -33, -33]`).
 * @throws ValidationError when `parts` is not an integer from 1 to {@link MAX_PARTS}.
 */
export function splitEvenly(total: Minor, parts: number): Minor[] {
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > MAX_PARTS) {
    throw invalid('parts', `must be an integer from 1 to ${MAX_PARTS} (got ${String(parts)})`);
  }
  return allocate(total, new Array<number>(parts).fill(1));
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`${path} ${message}`, [{ path, message }]);
}
