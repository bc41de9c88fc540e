import { ValidationError } from '../errors';

/**
 * Calendar dates as `YYYY-MM-DD` strings (the proleptic Gregorian calendar, no time, no zone). A ledger date is
 * the day printed on the statement; it is never moved through a time zone. Arithmetic is done on "epoch days"
 * (days since 1970-01-01) with integer formulas, so it is exact and independent of the host's zone.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Smallest and largest years a ledger date may have. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` with a year from {@link MIN_YEAR} to {@link MAX_YEAR}. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Builds `YYYY-MM-DD` from parts, or `undefined` when they are not a real date in range.
 */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(text) ? text : undefined;
}

/**
 * Checks a `YYYY-MM-DD` date and returns it.
 * @throws ValidationError naming `path` when it is not a real calendar date.
 */
export function assertCalendarDate(value: unknown, path = 'date'): string {
  if (!isCalendarDate(value)) {
    const message = `must be a real calendar date written YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR} (got ${JSON.stringify(value)})`;
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date (negative before it).
 * @throws ValidationError when `date` is not a real calendar date.
 */
export function epochDay(date: string): number {
  assertCalendarDate(date);
  return daysFromCivil(date);
}

/** Days since 1970-01-01 of `value`, or `undefined` when it is not a calendar date (one check, no throw). */
export function epochDayOf(value: unknown): number | undefined {
  return isCalendarDate(value) ? daysFromCivil(value) : undefined;
}

function daysFromCivil(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  // days_from_civil (H. Hinnant): March-based years make the leap day the last day of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `YYYY-MM-DD` date of an epoch day (the inverse of {@link epochDay}). */
export function fromEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` moved by `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}
