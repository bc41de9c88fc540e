import { daysInMonth } from '../ledger/calendar';
import { forecast, type MonthTotals } from './forecast';
import type { ScheduledItem } from './schedule';

/** One held-out month of a back-test. */
export interface BacktestCase {
  readonly month: string;
  /** Month-end balance that happened. */
  readonly actual: bigint;
  readonly p10: bigint;
  readonly p50: bigint;
  readonly p90: bigint;
  /** "Same as last month": the origin's month-end balance plus the origin month's net, once per month ahead. */
  readonly naive: bigint;
  readonly inBand: boolean;
}

export interface Backtest {
  readonly cases: BacktestCase[];
  /** Share of held-out months whose actual month-end balance lies within P10–P90 (0–1). */
  readonly coverage: number;
  /** Mean absolute error of P50, minor units. */
  readonly maeP50: number;
  /** Mean absolute error of the "same as last month" baseline, minor units. */
  readonly maeNaive: number;
}

export interface BacktestOptions {
  readonly seed: string;
  /** Complete months needed before the first held-out month (default 6). */
  readonly minHistory?: number;
  /** The recurring payments known at the end of the month before `month` (default none: residual only). */
  readonly recurringBefore?: (month: string) => readonly ScheduledItem[];
  readonly bandwidthShare?: number;
  readonly draws?: number;
  /** Months ahead (default 1): the forecast made at the end of the month before m, read at the end of m + horizon − 1. */
  readonly horizon?: number;
}

const lastDay = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/**
 * A rolling-origin back-test of {@link forecast} `horizon` months ahead: for each month m after the first `minHistory`
 * (the months consecutive, oldest first), the forecast made at the end of the month before m from the months before
 * m only, against the month-end balance that happened (the balance starts at 0; only its changes matter).
 */
export function backtest(months: readonly MonthTotals[], options: BacktestOptions): Backtest {
  const minHistory = options.minHistory ?? 6;
  const balances: bigint[] = [];
  let b = 0n;
  for (const m of months) balances.push((b += m.income - m.expenses));
  const cases: BacktestCase[] = [];
  const horizon = options.horizon ?? 1;
  for (let i = Math.max(1, minHistory); i + horizon - 1 < months.length; i++) {
    const prev = months[i - 1] as MonthTotals;
    const start = balances[i - 1] as bigint;
    const f = forecast({
      seed: options.seed,
      startingBalance: start,
      asOf: lastDay(prev.month),
      months: horizon,
      history: months.slice(0, i),
      recurring: options.recurringBefore?.((months[i] as MonthTotals).month) ?? [],
      ...(options.draws ? { draws: options.draws } : {}),
      ...(options.bandwidthShare !== undefined ? { bandwidthShare: options.bandwidthShare } : {}),
    });
    const p = (f.months[horizon - 1] as (typeof f.months)[number]).balance;
    const target = i + horizon - 1;
    const actual = balances[target] as bigint;
    cases.push({ month: (months[target] as MonthTotals).month, actual, p10: p.p10, p50: p.p50, p90: p.p90, naive: start + BigInt(horizon) * (prev.income - prev.expenses), inBand: actual >= p.p10 && actual <= p.p90 });
  }
  const n = cases.length || 1;
  const abs = (v: bigint) => Number(v < 0n ? -v : v);
  return {
    cases,
    coverage: cases.filter((c) => c.inBand).length / n,
    maeP50: cases.reduce((s, c) => s + abs(c.actual - c.p50), 0) / n,
    maeNaive: cases.reduce((s, c) => s + abs(c.actual - c.naive), 0) / n,
  };
}
