import { addDays, daysInMonth } from '../ledger/calendar';

/** How often a recurring payment comes (as shared/domain/recurring detects it). */
export type ForecastPeriod = 'weekly' | 'fortnightly' | 'monthly' | 'quarterly' | 'yearly';

/** A recurring payment as the forecast takes it: amount positive, already in the base currency. */
export interface ScheduledItem {
  readonly id: string;
  readonly type: 'income' | 'expense';
  readonly period: ForecastPeriod;
  /** Minor units of the base currency, > 0. */
  readonly amount: bigint;
  /** Date of the latest payment seen (YYYY-MM-DD). */
  readonly lastDate: string;
  /** When the next payment is due (YYYY-MM-DD). */
  readonly nextExpectedDate: string;
  /** How many payments the detection rests on (bounds how far back it explains past months); unknown = no bound. */
  readonly occurrences?: number;
}

const MONTHS_OF: Partial<Record<ForecastPeriod, number>> = { monthly: 1, quarterly: 3, yearly: 12 };
const DAYS_OF: Partial<Record<ForecastPeriod, number>> = { weekly: 7, fortnightly: 14 };

/** The date `k` periods after `anchor` (before it when negative); month-based periods keep the anchor's day, clamped to the month's end. */
export function shiftDate(anchor: string, period: ForecastPeriod, k: number): string {
  const days = DAYS_OF[period];
  if (days !== undefined) return addDays(anchor, k * days);
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + k * (MONTHS_OF[period] ?? 1);
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
}

/** Nominal length of a period in days (for "how late is too late"). */
export function periodDays(period: ForecastPeriod): number {
  return DAYS_OF[period] ?? (MONTHS_OF[period] ?? 1) * 30.44;
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/**
 * How many payments of the item fall due in `month` (YYYY-MM) strictly after `after` (YYYY-MM-DD): the dates
 * from `nextExpectedDate` on, one period apart. A payment already due on or before `after` but not yet seen
 * (`nextExpectedDate` ≤ `after`) is counted once, on the day after `after`: it is late, not cancelled.
 */
export function futureCount(item: ScheduledItem, month: string, after: string): number {
  const end = lastDayOf(month);
  let n = 0;
  let late = false;
  for (let k = 0; k < 400; k++) {
    const date = shiftDate(item.nextExpectedDate, item.period, k);
    if (date > end) break;
    if (date <= after) {
      late = true;
      continue;
    }
    if (date.slice(0, 7) === month) n++;
  }
  const dayAfter = addDays(after, 1);
  if (late && dayAfter.slice(0, 7) === month) n++;
  return n;
}

/**
 * How many of the item's past payments fell in `month` (YYYY-MM): the dates from `lastDate` back, one period
 * apart, at most `occurrences` of them (all of them back to `month` when unknown).
 */
export function pastCount(item: ScheduledItem, month: string): number {
  const start = `${month}-01`;
  const end = lastDayOf(month);
  const max = item.occurrences ?? 400;
  let n = 0;
  for (let k = 0; k < max; k++) {
    const date = shiftDate(item.lastDate, item.period, -k);
    if (date < start) break;
    if (date <= end) n++;
  }
  return n;
}

/** {@link pastCount} of every month from `fromMonth` on at once (one walk back from `lastDate`): month → count. */
export function pastCounts(item: ScheduledItem, fromMonth: string): Map<string, number> {
  const start = `${fromMonth}-01`;
  const max = item.occurrences ?? 400;
  const out = new Map<string, number>();
  for (let k = 0; k < max; k++) {
    const date = shiftDate(item.lastDate, item.period, -k);
    if (date < start) break;
    const month = date.slice(0, 7);
    out.set(month, (out.get(month) ?? 0) + 1);
  }
  return out;
}
