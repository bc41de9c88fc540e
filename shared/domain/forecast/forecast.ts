import { daysInMonth } from '../ledger/calendar';
import { fnv1a, mulberry32 } from '../goals/feasibility';
import { futureCount, pastCount, pastCounts, type ScheduledItem } from './schedule';

/**
 * The cash-flow forecast: the known part (recurring payments, each expected occurrence) plus the residual (what the
 * monthly totals hold beyond the recurring payments), resampled from the user's own past months by a seeded,
 * smoothed bootstrap, summed along paths month by month so the balance's spread grows with the horizon. Pure: no
 * clock, no I/O, no `Math.random`; every amount is integer minor units (bigint), so its percentiles are too.
 */

/** Complete months of history used, at most (the latest). */
export const MAX_HISTORY_MONTHS = 24;
/** Recurring payments still `detected` (not confirmed) count as known from this confidence on. */
export const MIN_RECURRING_CONFIDENCE = 0.6;
/** Balance paths drawn. */
export const FORECAST_DRAWS = 2_000;
/** Months a forecast may cover. */
export const MAX_FORECAST_MONTHS = 6;
/**
 * Kernel bandwidth of the smoothed bootstrap, as a share of Silverman's rule (1.06 σ n^-1/5): the empirical
 * P10–P90 of a dozen months is narrower than the distribution they come from, so each drawn month is jittered by a
 * normal of this width. Chosen by the back-test (tests/bench/sections/forecast.ts) for 70–90 % coverage.
 */
export const BANDWIDTH_SHARE = 0.2;

/** One complete month of the monthly rollup: income and expenses in base minor units (both ≥ 0 as stored). */
export interface MonthTotals {
  readonly month: string;
  readonly income: bigint;
  readonly expenses: bigint;
}

export interface ForecastInput {
  /** Mixed into the seed (the user id), so the same data always gives the same answer for the same user. */
  readonly seed: string;
  readonly startingBalance: bigint;
  /** The day the starting balance is at (YYYY-MM-DD); the forecast covers what comes after it. */
  readonly asOf: string;
  /** 1 to {@link MAX_FORECAST_MONTHS}. */
  readonly months: number;
  /** Complete months before `asOf`'s month, oldest first (missing months may be absent: they count as empty once activity began). */
  readonly history: readonly MonthTotals[];
  /** Recurring payments to count as known, amounts in the base currency. */
  readonly recurring: readonly ScheduledItem[];
  readonly draws?: number;
  /** Overrides {@link BANDWIDTH_SHARE} (0 = plain bootstrap). */
  readonly bandwidthShare?: number;
  /** `bigint` forces exact bigint paths even where safe integers would do (tests: both give the same answer). */
  readonly arithmetic?: 'auto' | 'bigint';
}

export interface ForecastMonth {
  readonly month: string;
  /** Share of the month the forecast covers: 1, or the days left after `asOf` in its own month. */
  readonly share: number;
  /** Expected income: recurring income due + the mean residual income (scaled by `share`). */
  readonly income: bigint;
  readonly expenses: bigint;
  readonly net: bigint;
  readonly recurringIncome: bigint;
  readonly recurringExpenses: bigint;
  /** Percentiles of the month-end balance over the drawn paths (nearest rank). */
  readonly balance: { readonly p10: bigint; readonly p50: bigint; readonly p90: bigint };
}

export interface Forecast {
  readonly months: ForecastMonth[];
  /** The history months the residual was drawn from (oldest first). */
  readonly historyMonths: string[];
  /** Residual income and expenses of each of those months (what the recurring payments did not explain). */
  readonly residuals: { month: string; income: bigint; expenses: bigint }[];
  readonly seed: number;
  readonly draws: number;
  readonly bandwidth: { income: number; expenses: number };
}

const monthIndex = (m: string): number => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return y * 12 + mo - 1;
};
const monthOfIndex = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The months the forecast covers after `asOf`: its own month when days remain (with their share), then whole months. */
export function forecastMonths(asOf: string, months: number): { month: string; share: number }[] {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const dim = daysInMonth(y, m);
  const first = monthIndex(asOf.slice(0, 7));
  const out: { month: string; share: number }[] = [];
  let i = d < dim ? first : first + 1;
  if (d < dim) out.push({ month: monthOfIndex(i++), share: (dim - d) / dim });
  while (out.length < months) out.push({ month: monthOfIndex(i++), share: 1 });
  return out.slice(0, months);
}

/** The history used: the latest {@link MAX_HISTORY_MONTHS} complete months from the first with any activity, gaps filled with empty months. */
export function usableHistory(history: readonly MonthTotals[], beforeMonth: string): MonthTotals[] {
  const byMonth = new Map(history.map((h) => [h.month, h]));
  const end = monthIndex(beforeMonth);
  const out: MonthTotals[] = [];
  for (let i = end - MAX_HISTORY_MONTHS; i < end; i++) {
    const month = monthOfIndex(i);
    const h = byMonth.get(month);
    if (out.length === 0 && (!h || (h.income === 0n && h.expenses === 0n))) continue;
    out.push(h ?? { month, income: 0n, expenses: 0n });
  }
  return out;
}

/** A month's residual: its totals minus the recurring payments that fell in it (each side at least 0). */
export function residualOf(h: MonthTotals, recurring: readonly ScheduledItem[], counts?: readonly ReadonlyMap<string, number>[]): { month: string; income: bigint; expenses: bigint } {
  let income = h.income;
  let expenses = h.expenses;
  for (const [i, item] of recurring.entries()) {
    const n = BigInt(counts ? (counts[i]?.get(h.month) ?? 0) : pastCount(item, h.month));
    if (n === 0n) continue;
    if (item.type === 'income') income -= n * item.amount;
    else expenses -= n * item.amount;
  }
  return { month: h.month, income: income > 0n ? income : 0n, expenses: expenses > 0n ? expenses : 0n };
}

/** Rounds a non-negative-or-negative rational num/den to the nearest integer (halves away from zero). */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  if (2n * (r < 0n ? -r : r) >= den) return q + (num < 0n ? -1n : 1n);
  return q;
}

const scale = (v: bigint, share: number): bigint => (share === 1 ? v : roundDiv(v * BigInt(Math.round(share * 1_000_000)), 1_000_000n));

function stddev(xs: readonly bigint[]): number {
  if (xs.length < 2) return 0;
  const ys = xs.map(Number);
  const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
  return Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / (ys.length - 1));
}

/** Nearest-rank percentile of sorted values (q in 0–100). */
export function nearestRank(sorted: readonly bigint[], q: number): bigint {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[i] ?? 0n;
}

/**
 * The forecast. Each of `draws` paths starts at the starting balance; each month adds the recurring income due in
 * it minus the recurring expenses due (the known part, the same on every path) plus one past month's residual
 * income minus its residual expenses. Each path first draws its own replicate of the history (its k months with
 * replacement: how uncertain the mean of a few months is), then each of its months uniformly from that replicate,
 * jittered by a normal kernel
 * (bandwidth {@link BANDWIDTH_SHARE} × Silverman's rule per side, rounded to a minor unit; a side's jittered
 * value is kept ≥ 0), scaled by the month's share for the current month. The balance percentiles are taken over
 * the paths at each month end. Seeded by FNV-1a of `seed` and every figure, so the same data gives the same answer.
 */
export function forecast(input: ForecastInput): Forecast {
  const draws = input.draws ?? FORECAST_DRAWS;
  const horizon = forecastMonths(input.asOf, input.months);
  const history = usableHistory(input.history, input.asOf.slice(0, 7));
  const counts = history.length ? input.recurring.map((item) => pastCounts(item, (history[0] as MonthTotals).month)) : [];
  const residuals = history.map((h) => residualOf(h, input.recurring, counts));
  const key = [
    input.seed,
    input.startingBalance,
    input.asOf,
    input.months,
    residuals.map((r) => `${r.month}:${r.income}:${r.expenses}`).join(','),
    input.recurring.map((r) => `${r.id}:${r.type}:${r.amount}:${r.nextExpectedDate}:${r.period}`).join(','),
  ].join('|');
  const seed = fnv1a(key);
  const random = mulberry32(seed);
  const k = residuals.length;
  const share = input.bandwidthShare ?? BANDWIDTH_SHARE;
  const silverman = k > 1 ? 1.06 * k ** -0.2 * share : 0;
  const bandwidth = { income: stddev(residuals.map((r) => r.income)) * silverman, expenses: stddev(residuals.map((r) => r.expenses)) * silverman };
  const normal = (): number => {
    // Box–Muller on the seeded generator (1 − u keeps the logarithm finite).
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const known = horizon.map(({ month }) => {
    let income = 0n;
    let expenses = 0n;
    for (const item of input.recurring) {
      const n = BigInt(futureCount(item, month, input.asOf));
      if (item.type === 'income') income += n * item.amount;
      else expenses += n * item.amount;
    }
    return { income, expenses };
  });
  // Each path first draws its own replicate of the history (k months with replacement), then its months from that
  // replicate: the uncertainty of the mean of a few months, which grows with the horizon, is in the spread too.
  const replicate = new Int32Array(k);
  const newReplicate = (): void => {
    for (let j = 0; j < k; j++) replicate[j] = Math.floor(random() * k);
  };
  const pick = (): number => replicate[Math.floor(random() * k)] as number;
  const jitter = (w: number): number => (w > 0 ? Math.round(normal() * w) : 0);
  const balances = horizon.map(() => new Array<bigint>(draws));
  // Safe-integer arithmetic gives the same numbers as bigint (same draws, same roundings) several times faster; it is
  // used when no value can leave ±2^53 (a month's residual plus its largest jitter, ≤ 10^9 so the share's rounding
  // stays exact) and bigint otherwise.
  const maxResidual = residuals.reduce((m, r) => Math.max(m, Number(r.income), Number(r.expenses)), 0) + 7 * Math.max(bandwidth.income, bandwidth.expenses);
  const maxKnown = known.reduce((m, kn) => Math.max(m, Math.abs(Number(kn.income)) + Math.abs(Number(kn.expenses))), 0);
  const safe = input.arithmetic !== 'bigint' && maxResidual <= 1e9 && Math.abs(Number(input.startingBalance)) + horizon.length * (maxKnown + 2 * maxResidual) < Number.MAX_SAFE_INTEGER;
  if (safe) {
    const sums = horizon.map(() => new Float64Array(draws));
    const res = residuals.map((r) => ({ income: Number(r.income), expenses: Number(r.expenses) }));
    const flows = known.map((kn) => Number(kn.income - kn.expenses));
    const shares = horizon.map((h) => (h.share === 1 ? 0 : Math.round(h.share * 1_000_000)));
    const scaleN = (v: number, s6: number): number => (s6 === 0 ? v : Math.round((v * s6) / 1_000_000));
    const start = Number(input.startingBalance);
    for (let d = 0; d < draws; d++) {
      newReplicate();
      let balance = start;
      for (let t = 0; t < horizon.length; t++) {
        let flow = flows[t] as number;
        if (k > 0) {
          const r = res[pick()] as { income: number; expenses: number };
          const inc = r.income + jitter(bandwidth.income);
          const exp = r.expenses + jitter(bandwidth.expenses);
          flow += scaleN(inc > 0 ? inc : 0, shares[t] as number) - scaleN(exp > 0 ? exp : 0, shares[t] as number);
        }
        balance += flow;
        (sums[t] as Float64Array)[d] = balance;
      }
    }
    sums.forEach((xs, t) => {
      xs.sort();
      const out = balances[t] as bigint[];
      for (let d = 0; d < draws; d++) out[d] = BigInt(xs[d] as number);
    });
  } else {
    for (let d = 0; d < draws; d++) {
      newReplicate();
      let balance = input.startingBalance;
      for (let t = 0; t < horizon.length; t++) {
        const { share: s } = horizon[t] as { share: number };
        const kn = known[t] as { income: bigint; expenses: bigint };
        let flow = kn.income - kn.expenses;
        if (k > 0) {
          const r = residuals[pick()] as { income: bigint; expenses: bigint };
          const inc = r.income + BigInt(jitter(bandwidth.income));
          const exp = r.expenses + BigInt(jitter(bandwidth.expenses));
          flow += scale(inc > 0n ? inc : 0n, s) - scale(exp > 0n ? exp : 0n, s);
        }
        balance += flow;
        (balances[t] as bigint[])[d] = balance;
      }
    }
    for (const xs of balances) xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const meanOf = (pick: (r: { income: bigint; expenses: bigint }) => bigint): bigint => (k === 0 ? 0n : roundDiv(residuals.reduce((s, r) => s + pick(r), 0n), BigInt(k)));
  const meanIncome = meanOf((r) => r.income);
  const meanExpenses = meanOf((r) => r.expenses);
  const months = horizon.map(({ month, share: s }, t) => {
    const kn = known[t] as { income: bigint; expenses: bigint };
    const sorted = balances[t] as bigint[];
    const income = kn.income + scale(meanIncome, s);
    const expenses = kn.expenses + scale(meanExpenses, s);
    return {
      month,
      share: Math.round(s * 10_000) / 10_000,
      income,
      expenses,
      net: income - expenses,
      recurringIncome: kn.income,
      recurringExpenses: kn.expenses,
      balance: { p10: nearestRank(sorted, 10), p50: nearestRank(sorted, 50), p90: nearestRank(sorted, 90) },
    };
  });
  return { months, historyMonths: history.map((h) => h.month), residuals, seed, draws, bandwidth: { income: Math.round(bandwidth.income), expenses: Math.round(bandwidth.expenses) } };
}
