/**
 * A savings goal's progress: what is saved, what remains, what each month must bring, the recent pace and the
 * status. Pure integer arithmetic on minor units (bigint inside, exact numbers or digit strings outside); the only
 * non-integer outputs are `percent` and the probability.
 */
import { addMonths, monthDiff } from '../analytics/months';
import { daysInMonth } from '../ledger/calendar';
import { feasibility, type Feasibility, type MonthFlow } from './feasibility';

/** Goal status. `reached`: saved ≥ target. Otherwise from the probability of reaching it by the date (see {@link goalStatus}). */
export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'reached';

/** Probability at or above which a dated goal is `on_track`, and below which it is `off_track`. */
export const ON_TRACK_PROBABILITY = 0.8;
export const OFF_TRACK_PROBABILITY = 0.5;
/** Months the `averageMonthly` pace is taken over (the latest complete ones). */
export const AVERAGE_MONTHS = 3;
/** A projected completion further than this many months away is not given (null). */
export const MAX_PROJECTION_MONTHS = 1200;

export interface GoalFacts {
  readonly goalId: string;
  readonly targetAmount: number;
  readonly targetDate: string | null;
  /** Saved now, minor units of the goal's currency. */
  readonly saved: bigint;
  /** Today, YYYY-MM-DD (in the user's time zone). */
  readonly asOf: string;
  /** The goal's monthly flow over its complete months of history (oldest first, latest last, ≤ 12 used). */
  readonly history: readonly MonthFlow[];
  readonly source: string;
  /** Why the history cannot be used, when it cannot (e.g. recorded in another currency). */
  readonly unavailable?: string;
}

export interface GoalProgress {
  readonly saved: number | string;
  readonly remaining: number | string;
  readonly percent: number;
  readonly requiredMonthly: number | string | null;
  readonly averageMonthly: number | string | null;
  readonly projectedCompletion: string | null;
  readonly status: GoalStatus;
  readonly feasibility: Feasibility;
  /** Months of saving left (this month and the target's, both included); null without a target date. */
  readonly monthsLeft: number | null;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const exact = (v: bigint): number | string => (v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString());
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b; // a ≥ 0, b > 0

/** Half-even rounded a / b (b > 0). */
function divHalfEven(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < b || (twice === b && q % 2n === 0n)) return q;
  return a < 0n ? q - 1n : q + 1n;
}

/** The last day of a `YYYY-MM` month. */
export function endOfMonth(month: string): string {
  const day = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Months of saving left from `asOf` to `targetDate`: both months included, 0 once the date has passed. */
export function monthsLeft(asOf: string, targetDate: string): number {
  if (targetDate < asOf) return 0;
  return monthDiff(asOf.slice(0, 7), targetDate.slice(0, 7)) + 1;
}

/**
 * The status of a goal that is not reached: past its date `off_track`; with a probability, `on_track` from
 * {@link ON_TRACK_PROBABILITY}, `off_track` below {@link OFF_TRACK_PROBABILITY}, `at_risk` between; without one
 * (no history, or no target date), `on_track` while the recent pace is positive and covers what each month needs,
 * else `at_risk` (too little is known to call it off track).
 */
export function goalStatus(p: { reached: boolean; monthsLeft: number | null; probability: number | null; averageMonthly: bigint | null; requiredMonthly: bigint | null }): GoalStatus {
  if (p.reached) return 'reached';
  if (p.monthsLeft !== null && p.monthsLeft <= 0) return 'off_track';
  if (p.probability !== null) return p.probability >= ON_TRACK_PROBABILITY ? 'on_track' : p.probability < OFF_TRACK_PROBABILITY ? 'off_track' : 'at_risk';
  if (p.averageMonthly !== null && p.averageMonthly > 0n && (p.requiredMonthly === null || p.averageMonthly >= p.requiredMonthly)) return 'on_track';
  return 'at_risk';
}

/**
 * Progress of a goal as of a day.
 * - `remaining` = max(target − saved, 0); `percent` = saved ÷ target × 100, two decimals, rounded down.
 * - `requiredMonthly` = remaining ÷ months left, rounded up (null without a target date; the whole remainder once
 *   the date has passed).
 * - `averageMonthly` = the mean flow of the latest {@link AVERAGE_MONTHS} complete months of history (fewer when
 *   the history is shorter), half-even; null without history.
 * - `projectedCompletion` = the last day of the month in which that pace reaches the target (null when reached, when
 *   the pace is not positive, or further than {@link MAX_PROJECTION_MONTHS} months).
 */
export function goalProgress(f: GoalFacts): GoalProgress {
  const target = BigInt(f.targetAmount);
  const reached = f.saved >= target;
  const remaining = reached ? 0n : target - f.saved;
  const left = f.targetDate === null ? null : monthsLeft(f.asOf, f.targetDate);
  const requiredMonthly = left === null ? null : reached ? 0n : left <= 0 ? remaining : ceilDiv(remaining, BigInt(left));
  const usable = f.unavailable ? [] : f.history;
  const recent = usable.slice(-AVERAGE_MONTHS);
  const averageMonthly = recent.length === 0 ? null : divHalfEven(recent.reduce((s, m) => s + m.amount, 0n), BigInt(recent.length));
  let projectedCompletion: string | null = null;
  if (!reached && averageMonthly !== null && averageMonthly > 0n) {
    const months = ceilDiv(remaining, averageMonthly);
    if (months <= BigInt(MAX_PROJECTION_MONTHS)) {
      try {
        projectedCompletion = endOfMonth(addMonths(f.asOf.slice(0, 7), Number(months) - 1));
      } catch {
        projectedCompletion = null; // past the calendar's last year
      }
    }
  }
  const feas = feasibility({ seed: f.goalId, remaining, monthsLeft: left, history: f.history, source: f.source, ...(f.unavailable ? { unavailable: f.unavailable } : {}) });
  const percent = Number((f.saved * 10_000n) / target) / 100;
  return {
    saved: exact(f.saved),
    remaining: exact(remaining),
    percent,
    requiredMonthly: requiredMonthly === null ? null : exact(requiredMonthly),
    averageMonthly: averageMonthly === null ? null : exact(averageMonthly),
    projectedCompletion,
    status: goalStatus({ reached, monthsLeft: left, probability: feas.probability, averageMonthly, requiredMonthly }),
    feasibility: feas,
    monthsLeft: left,
  };
}
