/**
 * When a periodic report is due, in the user's own time zone (pure: the clock and the zones are arguments).
 *
 * The report schedule ticks every hour on the hour (UTC). A zone is due at a tick when its wall clock reached
 * 07:00 of a Monday (weekly) or of the 1st (monthly) in the hour that ended at the tick: its local time one hour
 * before was earlier than that moment and its local time at the tick is not. Zones on a half- or quarter-hour
 * offset (Asia/Kolkata +05:30, Asia/Kathmandu +05:45, Pacific/Chatham +12:45) are due at the first tick after
 * 07:00 (07:30, 07:15, 07:45 local); a daylight-saving change that skips 07:00 still crosses it once, and one that
 * repeats up to an hour cannot cross it twice, so every zone is due at exactly one tick per period.
 */

/** The local hour a report is sent at. */
export const REPORT_HOUR = 7;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A report kind the schedule sends. */
export type ReportKind = 'weekly' | 'monthly';

/** The period a report covers: inclusive `YYYY-MM-DD` bounds in the user's zone. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** A wall-clock reading: the local date and the minute of that day. */
interface Wall {
  readonly date: string;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at `instant` (epoch ms). */
function wallClock(zone: string, instant: number): Wall {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** `YYYY-MM-DD` shifted by whole days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week (Monday to Sunday) that ended the day before `monday`. */
export function weekBefore(monday: string): ReportPeriod {
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/** The calendar month before the one `date` falls in. */
export function monthBefore(date: string): ReportPeriod {
  const to = addDays(`${date.slice(0, 7)}-01`, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The hourly tick an instant belongs to: the hour it falls in, so a late or repeated run evaluates the same tick. */
export function reportTick(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The period whose `kind` report `zone` is due for at `tick` (an hour, see {@link reportTick}), or undefined when it
 * is not due then. The period is the ISO week (weekly) or calendar month (monthly) that ended before the local day.
 */
export function dueReport(zone: string, tick: Date, kind: ReportKind): ReportPeriod | undefined {
  const now = wallClock(zone, tick.getTime());
  const sendAt = REPORT_HOUR * 60;
  if (now.minute < sendAt) return undefined;
  if (kind === 'weekly' ? isoWeekday(now.date) !== 1 : !now.date.endsWith('-01')) return undefined;
  const before = wallClock(zone, tick.getTime() - HOUR_MS);
  if (before.date > now.date || (before.date === now.date && before.minute >= sendAt)) return undefined;
  return kind === 'weekly' ? weekBefore(now.date) : monthBefore(now.date);
}

/** A zone due at a tick, with the period its users' reports cover. */
export interface DueZone {
  readonly zone: string;
  readonly period: ReportPeriod;
}

/**
 * The zones of `zones` whose `kind` report is due at the tick of `instant`, each with its period. Unknown zone
 * names are left out (never thrown): the schedule goes on for every other zone.
 */
export function dueZones(instant: Date, kind: ReportKind, zones: Iterable<string> = allZones()): DueZone[] {
  const tick = reportTick(instant);
  const due: DueZone[] = [];
  for (const zone of new Set(zones)) {
    let period: ReportPeriod | undefined;
    try {
      period = dueReport(zone, tick, kind);
    } catch {
      continue; // a name this runtime's time-zone data does not know
    }
    if (period) due.push({ zone, period });
  }
  return due;
}

/** Every IANA zone this runtime knows, plus `UTC` (which `Intl.supportedValuesOf` does not list). */
export function allZones(): string[] {
  return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])];
}

/**
 * The key a profile's time zone is indexed under: the runtime's own spelling of the zone (`europe/berlin` and
 * `Europe/Berlin` are one key; `Etc/UTC` and `GMT` are `UTC` where the runtime canonicalises them), `UTC` for an
 * absent or unknown zone (how every report-time computation already treats it).
 */
export function zoneKey(timezone: string | null | undefined): string {
  if (!timezone) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}
