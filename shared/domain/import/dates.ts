import { calendarDate } from '../ledger/calendar';
import { IMPORT_LIMITS } from './limits';

/**
 * Dates as banks write them. A numeric date like `03/04/2024` cannot be read alone: it is read with the order
 * of the whole file, which {@link detectDateOrder} works out from the data when it can.
 */

/** Field order of a numeric date. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** A date format a caller may name: an order, or a pattern such as `dd.mm.yyyy` (only the order matters). */
export type DateFormat = DateOrder | 'yyyy-mm-dd' | 'yyyy/mm/dd' | 'dd/mm/yyyy' | 'dd.mm.yyyy' | 'dd-mm-yyyy' | 'mm/dd/yyyy' | 'mm-dd-yyyy' | 'dd/mm/yy' | 'mm/dd/yy' | 'dd.mm.yy';

const FORMAT_ORDER: Record<DateFormat, DateOrder> = {
  ymd: 'ymd',
  dmy: 'dmy',
  mdy: 'mdy',
  'yyyy-mm-dd': 'ymd',
  'yyyy/mm/dd': 'ymd',
  'dd/mm/yyyy': 'dmy',
  'dd.mm.yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  'dd/mm/yy': 'dmy',
  'dd.mm.yy': 'dmy',
  'mm/dd/yyyy': 'mdy',
  'mm-dd-yyyy': 'mdy',
  'mm/dd/yy': 'mdy',
};

/** The field order of a named format, or `undefined` for an unknown name. */
export function dateOrderOf(format: string | undefined): DateOrder | undefined {
  return format !== undefined && Object.prototype.hasOwnProperty.call(FORMAT_ORDER, format) ? FORMAT_ORDER[format as DateFormat] : undefined;
}

/** Every format name {@link dateOrderOf} accepts. */
export const DATE_FORMATS = Object.keys(FORMAT_ORDER) as DateFormat[];

const MONTH_NAMES: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1, januar: 1, januari: 1, ene: 1, enero: 1,
  feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2, februar: 2, februari: 2, febrero: 2,
  mar: 3, march: 3, mars: 3, marz: 3, maerz: 3, mrt: 3, maart: 3, marzo: 3,
  apr: 4, april: 4, avr: 4, avril: 4, abr: 4, abril: 4,
  may: 5, mai: 5, mei: 5, mayo: 5,
  jun: 6, june: 6, juin: 6, juni: 6, junio: 6,
  jul: 7, july: 7, juil: 7, juillet: 7, juli: 7, julio: 7,
  aug: 8, august: 8, aout: 8, augustus: 8, ago: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9, set: 9,
  oct: 10, october: 10, octobre: 10, okt: 10, oktober: 10, octubre: 10,
  nov: 11, november: 11, novembre: 11, noviembre: 11,
  dec: 12, december: 12, decembre: 12, dez: 12, dezember: 12, dic: 12, diciembre: 12,
};

/** The month a name stands for; only the table's own entries (never a property every object inherits). */
function monthNumber(name: string | undefined): number | undefined {
  return name !== undefined && Object.hasOwn(MONTH_NAMES, name) ? MONTH_NAMES[name] : undefined;
}

/** A date cell read as far as it can be without knowing the file's order. */
export type DateReading =
  | { kind: 'fixed'; date: string }
  | { kind: 'numeric'; first: number; second: number; year: number; separator: string }
  | { kind: 'invalid' };

function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  // Two-digit years: 70–99 are the 1900s, 00–69 the 2000s.
  return y >= 70 ? 1900 + y : 2000 + y;
}

/**
 * Reads a date cell. ISO dates (`2024-01-31`, `2024/01/31`, with or without a time), compact `20240131` and dates
 * with a month name (`31 Jan 2024`, `31-Jan-24`, `Jan 31, 2024`, `31. Januar 2024`) are read at once; numeric
 * dates (`31/01/2024`, `01/31/24`, `31.01.2024`) need the file's order. A time after the date is ignored. A cell
 * longer than 64 characters (trimmed) is no date.
 */
export function readDate(text: string): DateReading {
  const raw = String(text ?? '');
  if (raw.length > IMPORT_LIMITS.maxShortFieldLength && raw.trim().length > IMPORT_LIMITS.maxShortFieldLength) return { kind: 'invalid' };
  const s = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:t|\s+)\d{1,2}[:.]\d{2}.*)?$/.exec(s);
  if (m) return fixed(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6}.*)?$/.exec(s);
  if (m) return fixed(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:(?:t|,?\s+)\d{1,2}[:.]\d{2}.*)?$/.exec(s);
  if (m) return { kind: 'numeric', first: Number(m[1]), second: Number(m[3]), year: fullYear(m[4] ?? ''), separator: m[2] ?? '' };
  m = /^(\d{1,2})\.?[-\s./]*([a-z]{3,9})\.?[-\s.,/]*(\d{4}|\d{2})(?:\s+\d{1,2}[:.]\d{2}.*)?$/.exec(s);
  if (m && monthNumber(m[2]) !== undefined) return fixed(fullYear(m[3] ?? ''), MONTH_NAMES[m[2] ?? ''] ?? 0, Number(m[1]));
  m = /^([a-z]{3,9})\.?[-\s./]*(\d{1,2})(?:st|nd|rd|th)?[-\s.,/]+(\d{4}|\d{2})(?:\s+\d{1,2}[:.]\d{2}.*)?$/.exec(s);
  if (m && monthNumber(m[1]) !== undefined) return fixed(fullYear(m[3] ?? ''), MONTH_NAMES[m[1] ?? ''] ?? 0, Number(m[2]));
  return { kind: 'invalid' };
}

function fixed(year: number, month: number, day: number): DateReading {
  const date = calendarDate(year, month, day);
  return date ? { kind: 'fixed', date } : { kind: 'invalid' };
}

/** The `YYYY-MM-DD` of a reading under an order, or `undefined` when it is not a real date that way. */
export function resolveDate(reading: DateReading, order: DateOrder | undefined): string | undefined {
  if (reading.kind === 'fixed') return reading.date;
  if (reading.kind === 'invalid' || order === undefined) return undefined;
  if (order === 'dmy') return calendarDate(reading.year, reading.second, reading.first);
  if (order === 'mdy') return calendarDate(reading.year, reading.first, reading.second);
  return undefined;
}

/** What {@link detectDateOrder} found. */
export interface DateOrderDetection {
  /** The order to read numeric dates with; `undefined` when it cannot be known (see `problem`). */
  order: DateOrder | undefined;
  /** How it was decided. */
  source: 'data' | 'format' | 'convention' | 'not-needed' | 'unknown';
  /** Why the order is unknown, for the person importing. */
  problem?: string;
}

/**
 * The order of a file's numeric dates: from the data when some date is only valid one way (`31/01/2024` is
 * day-first, `01/31/2024` month-first) — the data win over `format` then — else from `format`, else day-first when every date is dotted
 * (`03.04.2024` is never month-first in practice), else unknown. Data that contradict themselves (some dates only
 * valid day-first, others only month-first) use `format` when given, else are unknown.
 */
export function detectDateOrder(cells: Iterable<string>, format?: string): DateOrderDetection {
  const hint = dateOrderOf(format);
  let dmyOnly = 0;
  let mdyOnly = 0;
  let both = 0;
  let dotted = 0;
  let numeric = 0;
  let example = '';
  for (const cell of cells) {
    const r = readDate(cell);
    if (r.kind !== 'numeric') continue;
    numeric++;
    if (r.separator === '.') dotted++;
    const d = resolveDate(r, 'dmy') !== undefined;
    const m = resolveDate(r, 'mdy') !== undefined;
    if (d && m) {
      both++;
      if (!example) example = cell.trim();
    } else if (d) dmyOnly++;
    else if (m) mdyOnly++;
  }
  if (numeric === 0) return { order: hint ?? 'ymd', source: 'not-needed' };
  if (dmyOnly > 0 && mdyOnly > 0) {
    if (hint) return { order: hint, source: 'format' };
    return {
      order: undefined,
      source: 'unknown',
      problem: `the dates contradict each other (${dmyOnly} only make sense day-first, ${mdyOnly} only month-first); set the date format`,
    };
  }
  if (dmyOnly > 0) return { order: 'dmy', source: 'data' };
  if (mdyOnly > 0) return { order: 'mdy', source: 'data' };
  if (hint && hint !== 'ymd') return { order: hint, source: 'format' };
  if (both > 0 && dotted === numeric) return { order: 'dmy', source: 'convention' };
  return {
    order: undefined,
    source: 'unknown',
    problem: `every date reads both day-first and month-first (e.g. ${example}); set the date format to dd/mm/yyyy or mm/dd/yyyy`,
  };
}
