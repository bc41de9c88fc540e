import { addDays, daysInMonth, epochDay } from '../ledger/calendar';

/**
 * Recurring-payment detection over one merchant's own history: pure, deterministic, linear after one sort of a
 * bounded series (at most {@link MAX_OCCURRENCES} occurrences).
 *
 * The method, in order:
 * 1. keep the occurrences in the currency of the latest one (a series is one currency);
 * 2. timing: for each candidate period (weekly 7 d, fortnightly 14 d, monthly 30.44 d, quarterly 91.31 d, yearly
 *    365.25 d) every gap between consecutive occurrences is read as k periods (k = 1…3, so one or two skipped
 *    payments are tolerated) and fits when it is within the period's tolerance (± 2, 3, 5, 12, 20 days; × √k). The
 *    period with the most fitting gaps wins, provided most gaps fit, most fitting gaps are single periods (a
 *    fortnightly series is not "weekly with every other week skipped") and at most a third of the expected payments
 *    are missing;
 * 3. amount: the one split into an earlier and a later run that best separates their means; when each run holds its
 *    own price (within {@link STEP_TOLERANCE}), the prices differ by more than {@link MIN_STEP} and the later run has at least
 *    two payments, the amount stepped and stayed: a `priceChange`. Otherwise at least 80 % of the amounts must lie
 *    within {@link AMOUNT_TOLERANCE} of their median;
 * 4. confidence = timing fit × amount fit × (1 − mean jitter / tolerance ÷ 3) × count factor (1 − 0.6^(n−1)),
 *    rounded to 3 decimals; a series is recurring when it is at least {@link MIN_CONFIDENCE}.
 *
 * When the whole series fails (a merchant with a subscription and occasional one-off purchases), the same test runs
 * once more on the occurrences whose amount is within {@link SAME_PRICE_TOLERANCE} of the latest amount, when at
 * least four are, and must then reach a confidence of 0.7.
 */

/** The most occurrences kept (and examined) per user and merchant: three years of a monthly payment. */
export const MAX_OCCURRENCES = 36;
/** Relative distance from the price at which an amount still counts as the same price. */
export const AMOUNT_TOLERANCE = 0.2;
/** Relative distance within which amounts hold one price when looking for a price change (a bill varying by ±5 %). */
export const STEP_TOLERANCE = 0.1;
/** Least relative difference between the two prices of a price change. */
export const MIN_STEP = 0.08;
/** Relative distance from the latest amount of the payments tried alone when the whole series is not regular. */
export const SAME_PRICE_TOLERANCE = 0.02;
/** Least confidence at which a series is reported as recurring. */
export const MIN_CONFIDENCE = 0.5;

export const PERIODS = ['weekly', 'fortnightly', 'monthly', 'quarterly', 'yearly'] as const;
export type Period = (typeof PERIODS)[number];

const NOMINAL: Record<Period, { days: number; tolerance: number; minCount: number }> = {
  weekly: { days: 7, tolerance: 2, minCount: 4 },
  fortnightly: { days: 14, tolerance: 3, minCount: 3 },
  monthly: { days: 30.44, tolerance: 5, minCount: 3 },
  quarterly: { days: 91.31, tolerance: 12, minCount: 3 },
  yearly: { days: 365.25, tolerance: 20, minCount: 2 },
};

/** One payment of a series (amount: positive minor units of `currency`). */
export interface Occurrence {
  transactionId: string;
  date: string;
  amount: number;
  currency: string;
  categoryId: string | null;
}

export interface PriceChange {
  from: number;
  to: number;
  /** Date of the first payment at the new price. */
  since: string;
}

/** A recurring payment found in a series. */
export interface Detection {
  period: Period;
  currency: string;
  categoryId: string | null;
  /** Mean of the payments at the current price (rounded to a minor unit). */
  averageAmount: number;
  lastAmount: number;
  lastDate: string;
  nextExpectedDate: string;
  confidence: number;
  /** The payments the detection rests on, oldest first. */
  transactionIds: string[];
  priceChange?: PriceChange;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= AMOUNT_TOLERANCE * Math.max(Math.abs(b), 1);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface TimingFit {
  period: Period;
  fit: number;
  jitter: number;
}

/** The best period for these dates (sorted), or undefined when none fits well enough. */
export function fitTiming(dates: string[]): TimingFit | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push(epochDay(dates[i] as string) - epochDay(dates[i - 1] as string));
  if (gaps.length === 0) return undefined;
  let best: (TimingFit & { fitting: number }) | undefined;
  for (const period of PERIODS) {
    const { days, tolerance, minCount } = NOMINAL[period];
    if (dates.length < minCount) continue;
    let fitting = 0;
    let single = 0;
    let expected = 0;
    let jitter = 0;
    for (const gap of gaps) {
      const k = Math.round(gap / days);
      if (k < 1 || k > 3) continue;
      const off = Math.abs(gap - k * days);
      if (off > tolerance * Math.sqrt(k)) continue;
      fitting++;
      expected += k;
      if (k === 1) single++;
      jitter += off / (tolerance * Math.sqrt(k));
    }
    if (fitting === 0) continue;
    const fit = fitting / gaps.length;
    if (fit < 0.75 || single * 2 < fitting || fitting / expected < 2 / 3) continue;
    if (!best || fitting > best.fitting) best = { period, fit, jitter: jitter / fitting, fitting };
  }
  return best && { period: best.period, fit: best.fit, jitter: best.jitter };
}

interface AmountFit {
  fit: number;
  current: number[];
  priceChange?: PriceChange;
}

const within = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance * Math.max(Math.abs(b), 1);

/**
 * The one split of the amounts (date order) into an earlier and a later run that best separates their means (prefix
 * sums: linear), kept as a price change when each run holds its own price (80 % within {@link STEP_TOLERANCE} of its
 * median), the later run has at least two payments (the new price stayed) and the two prices differ by more than
 * the step tolerance.
 */
function priceStep(amounts: number[], dates: string[]): AmountFit | undefined {
  const n = amounts.length;
  if (n < 4) return undefined;
  const prefix = [0];
  for (const a of amounts) prefix.push((prefix[prefix.length - 1] as number) + a);
  let best = -1;
  let split = 0;
  for (let s = 2; s <= n - 2; s++) {
    const before = (prefix[s] as number) / s;
    const after = ((prefix[n] as number) - (prefix[s] as number)) / (n - s);
    const separation = Math.abs(after - before) * Math.sqrt((s * (n - s)) / n);
    if (separation > best) {
      best = separation;
      split = s;
    }
  }
  const before = amounts.slice(0, split);
  const after = amounts.slice(split);
  const from = median(before);
  const to = median(after);
  if (within(to, from, MIN_STEP)) return undefined;
  const holds = (run: number[], price: number) => run.filter((a) => within(a, price, STEP_TOLERANCE)).length;
  const fitBefore = holds(before, from);
  const fitAfter = holds(after, to);
  if (fitBefore < 0.8 * before.length || fitAfter < 0.8 * after.length) return undefined;
  return { fit: (fitBefore + fitAfter) / n, current: after, priceChange: { from: Math.round(from), to: Math.round(to), since: dates[split] as string } };
}

/**
 * Whether the amounts (date order) hold one price (80 % within {@link AMOUNT_TOLERANCE} of their median), or step
 * once to another price and stay there ({@link priceStep}).
 */
export function fitAmounts(amounts: number[], dates: string[]): AmountFit | undefined {
  const step = priceStep(amounts, dates);
  if (step) return step;
  const mid = median(amounts);
  const same = amounts.filter((a) => near(a, mid));
  return same.length >= 0.8 * amounts.length ? { fit: same.length / amounts.length, current: same } : undefined;
}

/** The day one period after `date`: the same day of the month (clamped) for monthly, quarterly and yearly. */
export function nextDate(date: string, period: Period): string {
  if (period === 'weekly') return addDays(date, 7);
  if (period === 'fortnightly') return addDays(date, 14);
  const months = period === 'monthly' ? 1 : period === 'quarterly' ? 3 : 12;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
}

/**
 * Whether a recurring payment looks stopped on `today`: the expected payment and the one after it are both overdue
 * beyond the period's tolerance (one skipped payment is still within the pattern the detection tolerates).
 */
export function isLapsed(period: Period, nextExpectedDate: string, today: string): boolean {
  const { days, tolerance } = NOMINAL[period];
  return epochDay(today) > epochDay(nextExpectedDate) + Math.ceil(days) + tolerance;
}

function tryDetect(series: Occurrence[], minConfidence = MIN_CONFIDENCE): Detection | undefined {
  const dates = series.map((o) => o.date);
  const timing = fitTiming(dates);
  if (!timing) return undefined;
  const amounts = fitAmounts(
    series.map((o) => o.amount),
    dates,
  );
  if (!amounts) return undefined;
  const n = series.length;
  const confidence = Math.round(timing.fit * amounts.fit * (1 - timing.jitter / 3) * (1 - 0.6 ** (n - 1)) * 1000) / 1000;
  if (confidence < minConfidence) return undefined;
  const last = series[n - 1] as Occurrence;
  const categoryId = [...series].reverse().find((o) => o.categoryId !== null)?.categoryId ?? null;
  return {
    period: timing.period,
    currency: last.currency,
    categoryId,
    averageAmount: Math.round(amounts.current.reduce((s, a) => s + a, 0) / amounts.current.length),
    lastAmount: last.amount,
    lastDate: last.date,
    nextExpectedDate: nextDate(last.date, timing.period),
    confidence,
    transactionIds: series.map((o) => o.transactionId),
    ...(amounts.priceChange ? { priceChange: amounts.priceChange } : {}),
  };
}

/**
 * The recurring payment in one merchant's occurrences (any order; the latest {@link MAX_OCCURRENCES} in the latest
 * one's currency are examined), or undefined when they are not regular enough.
 */
export function detectRecurring(occurrences: readonly Occurrence[]): Detection | undefined {
  if (occurrences.length < 2) return undefined;
  const sorted = [...occurrences].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.transactionId < b.transactionId ? -1 : 1));
  const currency = (sorted[sorted.length - 1] as Occurrence).currency;
  const series = sorted.filter((o) => o.currency === currency && o.amount > 0).slice(-MAX_OCCURRENCES);
  if (series.length < 2) return undefined;
  const whole = tryDetect(series);
  if (whole) return whole;
  const lastAmount = (series[series.length - 1] as Occurrence).amount;
  const samePrice = series.filter((o) => within(o.amount, lastAmount, SAME_PRICE_TOLERANCE));
  return samePrice.length < series.length && samePrice.length >= 4 ? tryDetect(samePrice, 0.7) : undefined;
}
