/**
 * Pace: how much of a period's spending usually happens by a given point of the period, learnt from the user's own
 * previous periods, and the projection of where the current period ends.
 *
 * A past period is a list of buckets (its days, or its months for a yearly budget), each the spending of that bucket.
 * Its cumulative share at position `x` (buckets elapsed, fractional: 2.5 = two buckets and half the third) is the
 * spending of the buckets before `x` (and the elapsed fraction of the bucket `x` falls in) over the period's total.
 * The expected share at `x` is the mean of that over the past periods whose total is positive (clamped to [0, 1];
 * a period shorter than the current one counts as complete past its end). Without such a period the pace is linear:
 * share = x ÷ length.
 *
 * The projection blends the current run rate with the usual total `H` (the mean total of those periods), trusting the
 * run rate as the period advances: the period's expected total is `T = s × (spent ÷ s) + (1 − s) × H = spent + (1 − s)
 * × H` and what is still to come is the rest of it, `(1 − s) × T`, so `projected = spent + (1 − s) × (spent + (1 − s)
 * × H)`. Spending that follows the usual pattern (a rent on the 1st, as in earlier months) projects exactly `H`;
 * spending faster than usual projects more from the first days. Without history, `projected = spent ÷ s` (linear).
 */

/** Fewest past periods with spending for the pattern to be used (one is enough to learn a rent on the 1st). */
export const MIN_PACE_PERIODS = 1;

/** The spending pattern of the previous periods of a budget's scope, buckets in order (minor units). */
export type PaceHistory = readonly (readonly bigint[])[];

/** What pace says about a period at one point of it. */
export interface Pace {
  /** Expected cumulative share of the period's spending by now, 0..1. */
  readonly share: number;
  /** `pattern` when learnt from `periods` past periods, `linear` otherwise. */
  readonly method: 'pattern' | 'linear';
  readonly periods: number;
  /** The mean total of those periods (0 when linear). */
  readonly usualTotal: bigint;
}

function cumulativeShare(buckets: readonly bigint[], total: number, position: number): number {
  const whole = Math.min(Math.floor(position), buckets.length);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += Number(buckets[i] ?? 0n);
  if (whole < buckets.length) sum += (position - whole) * Number(buckets[whole] ?? 0n);
  return Math.min(1, Math.max(0, sum / total));
}

/**
 * The expected share of spending at `position` buckets into a period of `length` buckets, from `history`.
 * @param position buckets elapsed, 0 < position ≤ length (today counts as elapsed: a status "as of D" includes D).
 */
export function paceAt(history: PaceHistory, position: number, length: number): Pace {
  const usable = history.map((b) => ({ buckets: b, total: b.reduce((a, x) => a + x, 0n) })).filter((p) => p.total > 0n);
  if (usable.length < MIN_PACE_PERIODS) return { share: Math.min(1, Math.max(0, position / length)), method: 'linear', periods: 0, usualTotal: 0n };
  const share = usable.reduce((a, p) => a + cumulativeShare(p.buckets, Number(p.total), position), 0) / usable.length;
  const usualTotal = usable.reduce((a, p) => a + p.total, 0n) / BigInt(usable.length);
  return { share, method: 'pattern', periods: usable.length, usualTotal };
}

const round = (x: number): bigint => BigInt(Math.round(x));

/** Where the period is expected to end, given what has been spent so far (see the module comment). */
export function project(spent: bigint, pace: Pace): bigint {
  const s = pace.share;
  if (spent <= 0n) return pace.method === 'linear' ? spent : spent + round((1 - s) * Number(pace.usualTotal));
  if (pace.method === 'linear') return s <= 0 ? spent : round(Number(spent) / s);
  if (s >= 1) return spent;
  const total = Number(spent) + (1 - s) * Number(pace.usualTotal);
  const projected = spent + round((1 - s) * total);
  return projected < spent ? spent : projected;
}

/** What should have been spent by now to end the period exactly at `available`, at the usual pace. */
export function expectedByNow(available: bigint, pace: Pace): bigint {
  return available <= 0n ? 0n : round(Number(available) * pace.share);
}
