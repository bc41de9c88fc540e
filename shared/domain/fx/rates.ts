import { ValidationError } from '../errors';
import { assertCalendarDate, daysBetween, isCalendarDate } from '../ledger/calendar';
import { crossRate } from './convert';
import type { Rational } from './rational';

/** One publication day of a rate table: units of each currency per one EUR, as decimal strings. */
export interface DatedRates {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Currency code → rate (`"1.1252"`). Currencies with no rate that day are absent. */
  rates: Record<string, string>;
}

/** One rate on one day. */
export interface DatedRate<R = string> {
  /** `YYYY-MM-DD`. */
  date: string;
  rate: R;
}

/** How stale a rate may be by default: the ECB skips weekends and TARGET holidays (up to 4–5 days at Easter). */
export const DEFAULT_MAX_AGE_DAYS = 7;

function checkMaxAge(maxAgeDays: number): void {
  if (!Number.isSafeInteger(maxAgeDays) || maxAgeDays < 0) {
    const message = `must be a non-negative integer (got ${String(maxAgeDays)})`;
    throw new ValidationError(`maxAgeDays ${message}`, [{ path: 'maxAgeDays', message }]);
  }
}

/**
 * Index of the latest entry dated on or before `date` in a series sorted by date (ascending or descending;
 * the ECB's file is newest first), by binary search; -1 when every entry is later.
 */
function latestIndexOnOrBefore(series: readonly { date: string }[], date: string): number {
  const n = series.length;
  if (n === 0) return -1;
  const descending = n > 1 && (series[0]?.date ?? '') > (series[n - 1]?.date ?? '');
  // Map to ascending positions: pos(k) is the k-th oldest entry.
  const at = (k: number) => series[descending ? n - 1 - k : k]?.date ?? '';
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return -1;
  return descending ? n - 1 - found : found;
}

/**
 * The latest entry published on or before `date` and at most `maxAgeDays` days older than it, or `undefined`.
 *
 * `series` must be sorted by `date`, in either direction. `undefined` means "no usable rate": the caller records
 * the transaction with `fxStatus: 'pending'` and converts it when a rate arrives; it must never assume 1:1.
 *
 * @throws ValidationError when `date` is not a calendar date or `maxAgeDays` is not a non-negative integer.
 */
export function pickRate<T extends { date: string }>(series: readonly T[], date: string, maxAgeDays = DEFAULT_MAX_AGE_DAYS): T | undefined {
  assertCalendarDate(date);
  checkMaxAge(maxAgeDays);
  const i = latestIndexOnOrBefore(series, date);
  const entry = i < 0 ? undefined : series[i];
  if (!entry || !isCalendarDate(entry.date)) return undefined;
  return daysBetween(entry.date, date) <= maxAgeDays ? entry : undefined;
}

/** The days of `history` that have a rate for `code`, as a series for {@link pickRate} (same order). */
export function rateSeries(history: readonly DatedRates[], code: string): DatedRate[] {
  const out: DatedRate[] = [];
  for (const day of history) {
    const rate = Object.prototype.hasOwnProperty.call(day.rates, code) ? day.rates[code] : undefined;
    if (rate !== undefined) out.push({ date: day.date, rate });
  }
  return out;
}

/**
 * The rate from `from` to `to` for a transaction dated `date`: the latest publication day on or before `date`,
 * at most `maxAgeDays` older, that has both currencies (EUR is implicit), composed exactly with
 * {@link crossRate}. Same currency → rate 1 dated `date`.
 *
 * @returns the rate and the day it was published, or `undefined` (conversion pending).
 */
export function pickCrossRate(
  history: readonly DatedRates[],
  date: string,
  from: string,
  to: string,
  maxAgeDays = DEFAULT_MAX_AGE_DAYS,
): DatedRate<Rational> | undefined {
  assertCalendarDate(date);
  checkMaxAge(maxAgeDays);
  if (from === to) return { date, rate: { num: 1n, den: 1n } };
  const n = history.length;
  const start = latestIndexOnOrBefore(history, date);
  if (start < 0) return undefined;
  const descending = n > 1 && (history[0]?.date ?? '') > (history[n - 1]?.date ?? '');
  const step = descending ? 1 : -1;
  for (let i = start; i >= 0 && i < n; i += step) {
    const day = history[i];
    if (!day || !isCalendarDate(day.date) || daysBetween(day.date, date) > maxAgeDays) break;
    const rate = crossRate(day.rates, from, to);
    if (rate) return { date: day.date, rate };
  }
  return undefined;
}

const RATE_CELL = /^\d+(?:\.\d+)?$/;

/**
 * Reads the ECB's historical reference-rate file (`eurofxref-hist.csv`): a header `Date,USD,JPY,…,` then one
 * line per publication day, newest first, `N/A` where there was no rate, a trailing comma on every line.
 *
 * @returns the days in file order; each day holds only the currencies it has a rate for (rates stay decimal
 * strings, exactly as published). Currency codes are kept as the file names them, withdrawn ones included.
 * @throws ValidationError naming the line when the file is not in that shape.
 */
export function parseEcbHistory(csvText: string): DatedRates[] {
  const text = csvText.startsWith('\uFEFF') ? csvText.slice(1) : csvText;
  const lines = text.split(/\r?\n/);
  const fail = (line: number, why: string): never => {
    const message = `ECB rates, line ${line}: ${why}`;
    throw new ValidationError(message, [{ path: `line ${line}`, message }]);
  };
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  if (header[0] !== 'Date') fail(1, 'the header must start with "Date"');
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  const codes = header.slice(1);
  codes.forEach((code) => {
    if (!/^[A-Z]{3}$/.test(code)) fail(1, `${JSON.stringify(code)} is not a currency code`);
  });
  if (new Set(codes).size !== codes.length) fail(1, 'a currency appears twice');

  const days: DatedRates[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const date = (cells[0] ?? '').trim();
    if (!isCalendarDate(date)) fail(i + 1, `${JSON.stringify(date)} is not a date YYYY-MM-DD`);
    for (let c = codes.length + 1; c < cells.length; c++) {
      if ((cells[c] ?? '').trim() !== '') fail(i + 1, `more cells than the header has currencies`);
    }
    const rates: Record<string, string> = {};
    codes.forEach((code, k) => {
      const cell = (cells[k + 1] ?? '').trim();
      if (cell === '' || cell === 'N/A') return;
      if (!RATE_CELL.test(cell) || /^0*(?:\.0*)?$/.test(cell)) fail(i + 1, `${code} ${JSON.stringify(cell)} is not a positive rate`);
      rates[code] = cell;
    });
    days.push({ date, rates });
  }
  return days;
}
