/**
 * The smallest cut in discretionary spending that would close a goal's monthly gap. Pure.
 */
import { allocate } from '../money/allocate';

/** One category's cut, minor units of the base currency per month. */
export interface CategoryCut {
  readonly categoryId: string;
  /** The median of the category's spend over the months read. */
  readonly median: number;
  readonly cut: number;
  /** median − cut: what the category may still spend a month. */
  readonly newMonthly: number;
}

export interface Suggestion {
  /** What each month must bring beyond the recent pace: requiredMonthly − max(averageMonthly, 0). */
  readonly monthlyGap: number;
  /** Σ cuts: the gap itself when the discretionary spend can cover it, else all of that spend. */
  readonly totalCut: number;
  readonly closesGap: boolean;
  /** Gap left after cutting every discretionary category to nothing (0 when the cut closes it). */
  readonly shortfall: number;
  /** The same share of every category's median, in percent (two decimals, rounded up). */
  readonly percentOfDiscretionary: number;
  /** The months whose spend was read (the latest complete ones). */
  readonly months: string[];
  readonly cuts: CategoryCut[];
}

/** Median of integers (the lower middle for an even count, so it is an amount someone actually spent). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/**
 * The smallest cut that closes `monthlyGap`: the total cut is exactly the gap (nothing less closes it), spread over
 * the discretionary categories in proportion to their median monthly spend (one equal percentage for all, allocated
 * by largest remainder so the parts add up to the gap exactly). A category's median is taken over `months` with an
 * absent month counting 0; categories whose median is not positive are left out. When all of the discretionary
 * spend is less than the gap, every category is cut to 0 and `shortfall` says what is still missing.
 *
 * @param spend category id → its spend in each of `months` (same order), minor units of the base currency.
 * @returns null when there is no gap to close.
 */
export function smallestCut(monthlyGap: number, months: readonly string[], spend: ReadonlyMap<string, readonly number[]>): Suggestion | null {
  if (!(monthlyGap > 0)) return null;
  const medians = [...spend]
    .map(([categoryId, amounts]) => ({ categoryId, median: medianOf(months.map((_, i) => amounts[i] ?? 0)) }))
    .filter((c) => c.median > 0)
    .sort((a, b) => b.median - a.median || (a.categoryId < b.categoryId ? -1 : 1));
  const total = medians.reduce((s, c) => s + c.median, 0);
  const totalCut = Math.min(monthlyGap, total);
  const parts = totalCut > 0 ? allocate(totalCut, medians.map((c) => c.median)) : medians.map(() => 0);
  return {
    monthlyGap,
    totalCut,
    closesGap: totalCut === monthlyGap,
    shortfall: monthlyGap - totalCut,
    percentOfDiscretionary: total === 0 ? 0 : Number((BigInt(totalCut) * 10_000n + BigInt(total) - 1n) / BigInt(total)) / 100,
    months: [...months],
    cuts: medians.map((c, i) => ({ categoryId: c.categoryId, median: c.median, cut: parts[i] ?? 0, newMonthly: c.median - (parts[i] ?? 0) })),
  };
}
