import { addDays, daysBetween, daysInMonth, epochDay } from '../ledger/calendar';

/** How often a budget's limit renews. */
export type BudgetPeriodKind = 'monthly' | 'weekly' | 'yearly';

/** One period of a budget: its first and last day, both inclusive (`YYYY-MM-DD`). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The period of `kind` that contains `day`: the calendar month, the calendar year, or the ISO week (Monday to
 * Sunday, so a week may span two months or two years).
 */
export function periodContaining(kind: BudgetPeriodKind, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (kind === 'monthly') return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${pad(daysInMonth(year, month))}` };
  if (kind === 'yearly') return { from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
  // 1970-01-01 was a Thursday: epoch day 0 → ISO weekday 4 (Monday = 1).
  const weekday = ((((epochDay(day) + 3) % 7) + 7) % 7) + 1;
  const from = addDays(day, 1 - weekday);
  return { from, to: addDays(from, 6) };
}

/** The period `n` periods after (negative: before) `period`. */
export function shiftPeriod(kind: BudgetPeriodKind, period: Period, n: number): Period {
  if (n === 0) return period;
  if (kind === 'weekly') return periodContaining(kind, addDays(period.from, 7 * n));
  if (kind === 'yearly') return periodContaining(kind, `${pad(Number(period.from.slice(0, 4)) + n, 4)}-01-01`);
  const index = Number(period.from.slice(0, 4)) * 12 + Number(period.from.slice(5, 7)) - 1 + n;
  return periodContaining(kind, `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`);
}

/** How many periods lie from the one containing `from` to the one containing `to` (0 when the same, negative when before). */
export function periodsBetween(kind: BudgetPeriodKind, from: string, to: string): number {
  const a = periodContaining(kind, from);
  const b = periodContaining(kind, to);
  if (kind === 'weekly') return daysBetween(a.from, b.from) / 7;
  const years = Number(b.from.slice(0, 4)) - Number(a.from.slice(0, 4));
  if (kind === 'yearly') return years;
  return years * 12 + Number(b.from.slice(5, 7)) - Number(a.from.slice(5, 7));
}

/** Days in a period (28–31 for a month, 7 for a week, 365 or 366 for a year). */
export function periodDays(period: Period): number {
  return daysBetween(period.from, period.to) + 1;
}

/** The months (`YYYY-MM`) a period covers whole or in part, in order. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); ) {
    out.push(m);
    const index = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
    m = `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
  }
  return out;
}
