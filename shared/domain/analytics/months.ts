import { ValidationError } from '../errors';
import { assertCalendarDate, MAX_YEAR, MIN_YEAR } from '../ledger/calendar';

/** The most months one analytics request may span (ten years). */
export const MAX_MONTHS = 120;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `value` is a month written `YYYY-MM` with a year from MIN_YEAR to MAX_YEAR of the ledger calendar. */
export function isMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = MONTH.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * Checks a `YYYY-MM` month and returns it.
 * @throws ValidationError naming `path` otherwise.
 */
export function assertMonth(value: unknown, path = 'month'): string {
  if (!isMonth(value)) {
    const message = `must be a month written YYYY-MM between ${MIN_YEAR}-01 and ${MAX_YEAR}-12 (got ${JSON.stringify(value)})`;
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value;
}

/** The month of a `YYYY-MM-DD` date. @throws ValidationError when the date does not start with a valid month. */
export function monthOf(date: string): string {
  return assertMonth(typeof date === 'string' ? date.slice(0, 7) : date, 'date');
}

function index(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function fromIndex(i: number): string {
  const year = Math.floor(i / 12);
  const month = i - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The month `n` months after `month` (before it when `n` is negative): `addMonths('2024-01', -1)` → `'2023-12'`.
 * @throws ValidationError when `month` is not `YYYY-MM`, `n` is not an integer, or the result leaves the calendar.
 */
export function addMonths(month: string, n: number): string {
  assertMonth(month);
  if (!Number.isSafeInteger(n)) {
    const message = `must be an integer (got ${String(n)})`;
    throw new ValidationError(`n ${message}`, [{ path: 'n', message }]);
  }
  return assertMonth(fromIndex(index(month) + n), 'month');
}

/** Months from `from` to `to` (both `YYYY-MM`, `from` ≤ `to`); may be negative when `to` is earlier. */
export function monthDiff(from: string, to: string): number {
  return index(assertMonth(to, 'to')) - index(assertMonth(from, 'from'));
}

/**
 * Every month from `from` to `to`, both included, in order: `monthsBetween('2023-11', '2024-02')` →
 * `['2023-11', '2023-12', '2024-01', '2024-02']`.
 * @throws ValidationError (paths `from`, `to`) when either is not `YYYY-MM`, `to` is before `from`, or the range
 * holds more than {@link MAX_MONTHS} months.
 */
export function monthsBetween(from: string, to: string): string[] {
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  const count = index(to) - index(from) + 1;
  if (count < 1) {
    const message = `must not be before from (${from})`;
    throw new ValidationError(`to ${message}`, [{ path: 'to', message }]);
  }
  if (count > MAX_MONTHS) {
    const message = `must be at most ${MAX_MONTHS} months after from, both included (the range has ${count})`;
    throw new ValidationError(`to ${message}`, [{ path: 'to', message }]);
  }
  const start = index(from);
  return Array.from({ length: count }, (_, i) => fromIndex(start + i));
}

/**
 * The day of a `YYYY-MM-DD` date (the key of its daily rollup), checked as a real calendar date.
 * @throws ValidationError when it is not one.
 */
export function dayOf(date: string): string {
  return assertCalendarDate(date, 'date');
}
