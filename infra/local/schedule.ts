/**
 * EventBridge Scheduler expressions, as the CDK app declares them in the manifest: `rate(value unit)`,
 * `cron(minutes hours day-of-month month day-of-week year)` and `at(yyyy-mm-ddThh:mm:ss)`, all in UTC.
 */
export type Schedule =
  | { kind: 'rate'; expression: string; everyMs: number }
  | { kind: 'cron'; expression: string; cron: Cron }
  | { kind: 'at'; expression: string; at: Date };

type DayTest = (year: number, month: number, day: number) => boolean;

export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  /** Day test from whichever of day-of-month / day-of-week is not `?`. */
  day: DayTest;
  months: Set<number>;
  years: Set<number> | 'any';
}

export class ScheduleError extends Error {
  constructor(expression: string, why: string) {
    super(`Invalid schedule expression "${expression}": ${why}`);
    this.name = 'ScheduleError';
  }
}

const UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (JAN = 1, SUN = 1). */
  nameBase?: number;
}

const F = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dom: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  dow: { name: 'day-of-week', min: 1, max: 7, names: DAYS, nameBase: 1 },
  year: { name: 'year', min: MIN_YEAR, max: MAX_YEAR },
} satisfies Record<string, FieldSpec>;

function value(token: string, spec: FieldSpec, expression: string): number {
  const upper = token.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw new ScheduleError(expression, `"${token}" is not a valid ${spec.name} (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0] ?? ''}-${spec.names[spec.names.length - 1] ?? ''}` : ''})`);
  }
  return n;
}

/** A field of numbers: `*`, `5`, `1-5`, `*\/15`, `10-50/10`, `MON,WED,FRI`. */
function numbers(field: string, spec: FieldSpec, expression: string): Set<number> {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') throw new ScheduleError(expression, `empty item in the ${spec.name} field`);
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined) throw new ScheduleError(expression, `"${item}" has more than one "/"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (a === undefined || b === undefined || more !== undefined) throw new ScheduleError(expression, `"${range}" is not a range`);
      from = value(a, spec, expression);
      to = value(b, spec, expression);
      if (from > to) throw new ScheduleError(expression, `the range "${range}" runs backwards`);
    } else {
      from = value(range, spec, expression);
      to = stepText === undefined ? from : spec.max;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) throw new ScheduleError(expression, `"${stepText ?? ''}" is not a valid step`);
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as cron counts. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWeekday(year: number, month: number, day: number): boolean {
  const d = weekday(year, month, day);
  return d >= 2 && d <= 6;
}

/** The weekday (Mon–Fri) nearest to `day`, without leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const d = weekday(year, month, target);
  if (d === 7) return target === 1 ? 3 : target - 1;
  if (d === 1) return target === last ? target - 2 : target + 1;
  return target;
}

function dayOfMonth(field: string, expression: string): DayTest {
  const tests: DayTest[] = [];
  for (const item of field.split(',')) {
    const up = item.toUpperCase();
    if (up === 'L') tests.push((y, m, d) => d === daysInMonth(y, m));
    else if (up === 'LW') {
      tests.push((y, m, d) => {
        let last = daysInMonth(y, m);
        while (!isWeekday(y, m, last)) last--;
        return d === last;
      });
    } else if (/^\d+W$/.test(up)) {
      const n = value(up.slice(0, -1), F.dom, expression);
      tests.push((y, m, d) => d === nearestWeekday(y, m, n));
    } else {
      const set = numbers(item, F.dom, expression);
      tests.push((_y, _m, d) => set.has(d));
    }
  }
  return (y, m, d) => tests.some((t) => t(y, m, d));
}

function dayOfWeek(field: string, expression: string): DayTest {
  const tests: DayTest[] = [];
  for (const item of field.split(',')) {
    const up = item.toUpperCase();
    const hash = up.match(/^(\w+)#(\d)$/);
    const last = up.match(/^(\w*)L$/);
    if (hash?.[1] && hash[2]) {
      const dow = value(hash[1], F.dow, expression);
      const nth = Number(hash[2]);
      if (nth < 1 || nth > 5) throw new ScheduleError(expression, `"${item}": the week in a month must be 1-5`);
      tests.push((y, m, d) => weekday(y, m, d) === dow && Math.ceil(d / 7) === nth);
    } else if (last && up !== 'L' && last[1]) {
      const dow = value(last[1], F.dow, expression);
      tests.push((y, m, d) => weekday(y, m, d) === dow && d + 7 > daysInMonth(y, m));
    } else if (up === 'L') {
      tests.push((y, m, d) => weekday(y, m, d) === 7);
    } else {
      const set = numbers(item, F.dow, expression);
      tests.push((y, m, d) => set.has(weekday(y, m, d)));
    }
  }
  return (y, m, d) => tests.some((t) => t(y, m, d));
}

function parseCron(body: string, expression: string): Cron {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleError(expression, `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  if ([min, hour, month, year].includes('?')) throw new ScheduleError(expression, '"?" is allowed only in day-of-month or day-of-week');
  return {
    minutes: numbers(min, F.minutes, expression),
    hours: numbers(hour, F.hours, expression),
    day: dom === '?' ? dayOfWeek(dow, expression) : dayOfMonth(dom, expression),
    months: numbers(month, F.month, expression),
    years: year === '*' ? 'any' : numbers(year, F.year, expression),
  };
}

/** Parses an EventBridge Scheduler expression; throws ScheduleError naming what is wrong. */
export function parseSchedule(expression: string): Schedule {
  const e = expression.trim();
  const rate = e.match(/^rate\((.*)\)$/);
  if (rate) {
    const m = (rate[1] ?? '').trim().match(/^(\d+)\s+(minute|minutes|hour|hours|day|days)$/);
    if (!m?.[1] || !m[2]) throw new ScheduleError(expression, 'rate needs "<positive integer> <minute(s)|hour(s)|day(s)>"');
    const n = Number(m[1]);
    const unit = m[2];
    if (n < 1) throw new ScheduleError(expression, 'the rate must be at least 1');
    if ((n === 1) !== !unit.endsWith('s')) throw new ScheduleError(expression, n === 1 ? `use "1 ${unit.replace(/s$/, '')}"` : `use "${n} ${unit}s"`);
    return { kind: 'rate', expression: e, everyMs: n * (UNITS[unit.replace(/s$/, '')] ?? 0) };
  }
  const cron = e.match(/^cron\((.*)\)$/);
  if (cron) return { kind: 'cron', expression: e, cron: parseCron(cron[1] ?? '', expression) };
  const at = e.match(/^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/);
  if (at?.[1]) {
    const date = new Date(`${at[1]}Z`);
    if (Number.isNaN(date.getTime())) throw new ScheduleError(expression, 'not a valid date and time');
    return { kind: 'at', expression: e, at: date };
  }
  throw new ScheduleError(expression, 'expected rate(…), cron(…) or at(…)');
}

function firstAtOrAfter(set: Set<number>, from: number): number | undefined {
  let best: number | undefined;
  for (const n of set) if (n >= from && (best === undefined || n < best)) best = n;
  return best;
}

/** A position in the calendar, minute by minute (UTC; month 1–12). */
interface Cursor {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Moves to the first minute of the next month. */
function nextMonth(p: Cursor): void {
  p.month++;
  if (p.month > 12) {
    p.month = 1;
    p.year++;
  }
  p.day = 1;
  p.hour = 0;
  p.minute = 0;
}

/** Moves to the first minute of the next day. */
function nextDay(p: Cursor): void {
  p.day++;
  p.hour = 0;
  p.minute = 0;
  if (p.day > daysInMonth(p.year, p.month)) nextMonth(p);
}

/** The first firing on the cursor's day at or after its time, or undefined when the day has none left. */
function firingOnDay(c: Cron, p: Cursor): Date | undefined {
  const h = firstAtOrAfter(c.hours, p.hour);
  if (h === undefined) return undefined;
  const m = firstAtOrAfter(c.minutes, h === p.hour ? p.minute : 0);
  if (m !== undefined) return new Date(Date.UTC(p.year, p.month - 1, p.day, h, m));
  const h2 = firstAtOrAfter(c.hours, h + 1);
  const m2 = h2 === undefined ? undefined : firstAtOrAfter(c.minutes, 0);
  return h2 !== undefined && m2 !== undefined ? new Date(Date.UTC(p.year, p.month - 1, p.day, h2, m2)) : undefined;
}

function nextCron(c: Cron, after: Date): Date | undefined {
  // The first whole minute strictly after `after`.
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const p: Cursor = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
  while (p.year <= MAX_YEAR) {
    if (c.years !== 'any' && !c.years.has(p.year)) {
      Object.assign(p, { year: p.year + 1, month: 1, day: 1, hour: 0, minute: 0 });
    } else if (!c.months.has(p.month)) {
      nextMonth(p);
    } else if (p.day > daysInMonth(p.year, p.month) || !c.day(p.year, p.month, p.day)) {
      nextDay(p);
    } else {
      const at = firingOnDay(c, p);
      if (at) return at;
      nextDay(p);
    }
  }
  return undefined;
}

/**
 * The first time strictly after `after` that the schedule fires, or undefined when it never fires again.
 * A rate schedule fires every interval counted from `start` (when the schedule was created).
 */
export function nextFireTime(schedule: Schedule, after: Date, start: Date = after): Date | undefined {
  switch (schedule.kind) {
    case 'rate': {
      const elapsed = after.getTime() - start.getTime();
      const k = elapsed < 0 ? 1 : Math.floor(elapsed / schedule.everyMs) + 1;
      return new Date(start.getTime() + k * schedule.everyMs);
    }
    case 'at':
      return schedule.at.getTime() > after.getTime() ? schedule.at : undefined;
    case 'cron':
      return nextCron(schedule.cron, after);
  }
}

/** The next `count` fire times after `after`. */
export function nextFireTimes(schedule: Schedule, after: Date, count: number, start: Date = after): Date[] {
  const out: Date[] = [];
  let t = after;
  while (out.length < count) {
    const n = nextFireTime(schedule, t, start);
    if (!n) break;
    out.push(n);
    t = n;
  }
  return out;
}
