import { describe, expect, it } from 'vitest';
import { allZones, dueReport, dueZones, monthBefore, reportTick, weekBefore, zoneKey, type ReportKind } from '../../../../shared/domain/reports/schedule';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
/** Every zone hour by hour is under a second alone, but a loaded full run on 2 cores can be many times slower. */
const SLOW = 120_000;

/** The ticks (UTC hours) from `from` to `to`, inclusive at which `zone` is due, with the period of each. */
function dueTicks(zone: string, kind: ReportKind, from: string, to: string) {
  const out: { tick: string; from: string; to: string }[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
    const p = dueReport(zone, new Date(t), kind);
    if (p) out.push({ tick: new Date(t).toISOString(), ...p });
  }
  return out;
}

/** Local hour and minute of `zone` at `iso`, as `HH:MM`. */
const localTime = (zone: string, iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('report periods', () => {
  it('the week before a Monday is the ISO week that just ended; the month before a 1st is the whole previous month', () => {
    expect(weekBefore('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekBefore('2027-01-04')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(monthBefore('2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthBefore('2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('a tick is the hour an instant falls in', () => {
    expect(reportTick(at('2026-11-30T07:59:59.999Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(reportTick(at('2026-11-30T07:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });
});

describe('due report per zone', () => {
  const WEEK = { from: '2026-11-23', to: '2026-11-29' };

  it('UTC: Monday 07:00Z only', () => {
    expect(dueTicks('UTC', 'weekly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-11-30T07:00:00.000Z', ...WEEK }]);
    expect(dueTicks('UTC', 'monthly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-12-01T07:00:00.000Z', from: '2026-11-01', to: '2026-11-30' }]);
  });

  it('Europe/Berlin: 06:00Z in winter, 05:00Z in summer, right across both daylight-saving changes', () => {
    expect(dueTicks('Europe/Berlin', 'weekly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-11-30T06:00:00.000Z', ...WEEK }]);
    // Clocks go forward on Sunday 2026-03-29 02:00: the Monday before is CET, the Monday after CEST.
    expect(dueTicks('Europe/Berlin', 'weekly', '2026-03-21T00:00:00Z', '2026-04-01T00:00:00Z').map((d) => d.tick)).toEqual(['2026-03-23T06:00:00.000Z', '2026-03-30T05:00:00.000Z']);
    // Back on Sunday 2026-10-25 03:00.
    expect(dueTicks('Europe/Berlin', 'weekly', '2026-10-17T00:00:00Z', '2026-10-28T00:00:00Z')).toEqual([
      { tick: '2026-10-19T05:00:00.000Z', from: '2026-10-12', to: '2026-10-18' },
      { tick: '2026-10-26T06:00:00.000Z', from: '2026-10-19', to: '2026-10-25' },
    ]);
    expect(dueTicks('Europe/Berlin', 'monthly', '2026-05-30T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([{ tick: '2026-06-01T05:00:00.000Z', from: '2026-05-01', to: '2026-05-31' }]);
  });

  it('America/New_York: 12:00Z in winter, 11:00Z in summer; the 1st that is itself the fall-back day is due at 07:00 EST', () => {
    expect(dueTicks('America/New_York', 'weekly', '2026-02-28T00:00:00Z', '2026-03-11T00:00:00Z').map((d) => d.tick)).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-09T11:00:00.000Z']);
    // Sunday 2026-11-01 is both the 1st and the day clocks go back (02:00 EDT → 01:00 EST).
    expect(dueTicks('America/New_York', 'monthly', '2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([{ tick: '2026-11-01T12:00:00.000Z', from: '2026-10-01', to: '2026-10-31' }]);
    expect(dueTicks('America/New_York', 'weekly', '2026-10-31T00:00:00Z', '2026-11-04T00:00:00Z')).toEqual([{ tick: '2026-11-02T12:00:00.000Z', from: '2026-10-26', to: '2026-11-01' }]);
  });

  it('half- and quarter-hour zones are due once, at the first tick after 07:00 local', () => {
    expect(dueTicks('Asia/Kolkata', 'weekly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-11-30T02:00:00.000Z', ...WEEK }]);
    expect(localTime('Asia/Kolkata', '2026-11-30T02:00:00Z')).toBe('07:30');
    expect(dueTicks('Asia/Kathmandu', 'weekly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-11-30T02:00:00.000Z', ...WEEK }]);
    expect(localTime('Asia/Kathmandu', '2026-11-30T02:00:00Z')).toBe('07:45');
    // Chatham is +13:45 in the southern summer: Monday 07:45 local is Sunday 18:00Z; +12:45 in winter.
    expect(dueTicks('Pacific/Chatham', 'weekly', '2026-11-27T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([{ tick: '2026-11-29T18:00:00.000Z', ...WEEK }]);
    expect(localTime('Pacific/Chatham', '2026-11-29T18:00:00Z')).toBe('07:45');
    expect(dueTicks('Pacific/Chatham', 'monthly', '2026-05-30T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([{ tick: '2026-05-31T19:00:00.000Z', from: '2026-05-01', to: '2026-05-31' }]);
  });

  it('a zone outside the runtime catalogue (Etc/GMT+5) is due like any other; an unknown name is left out, not thrown', () => {
    expect(dueTicks('Etc/GMT+5', 'weekly', '2026-11-28T00:00:00Z', '2026-12-02T00:00:00Z').map((d) => d.tick)).toEqual(['2026-11-30T12:00:00.000Z']);
    expect(dueZones(at('2026-11-30T07:00:00Z'), 'weekly', ['Not/AZone', 'UTC', 'UTC'])).toEqual([{ zone: 'UTC', period: WEEK }]);
  });

  it('the tick of a late run (07:40Z) is still 07:00Z: due for the same zones as a run on the hour', () => {
    const onTime = dueZones(at('2026-11-30T07:00:00Z'), 'weekly').map((z) => z.zone);
    expect(onTime).toContain('UTC');
    expect(onTime).toContain('Europe/London');
    expect(dueZones(at('2026-11-30T07:40:12Z'), 'weekly').map((z) => z.zone)).toEqual(onTime);
  });
});

describe('every zone, simulated hourly ticks', () => {
  // Windows of hourly ticks wide enough for every offset (−12 to +14) around one Monday / one 1st, chosen around
  // daylight-saving changes: the EU and US springs and falls, southern spring (Australia, New Zealand, Chile).
  const weeks = [
    ['2026-11-28T00:00:00Z', '2026-12-01T23:00:00Z', '2026-11-30'],
    ['2026-03-07T00:00:00Z', '2026-03-10T23:00:00Z', '2026-03-09'],
    ['2026-03-28T00:00:00Z', '2026-03-31T23:00:00Z', '2026-03-30'],
    ['2026-04-04T00:00:00Z', '2026-04-07T23:00:00Z', '2026-04-06'],
    ['2026-10-03T00:00:00Z', '2026-10-06T23:00:00Z', '2026-10-05'],
    ['2026-10-24T00:00:00Z', '2026-10-27T23:00:00Z', '2026-10-26'],
    ['2026-10-31T00:00:00Z', '2026-11-03T23:00:00Z', '2026-11-02'],
  ] as const;
  const zones = allZones();

  it('knows hundreds of zones, UTC included', () => {
    expect(zones.length).toBeGreaterThan(300);
    expect(zones).toContain('UTC');
  });

  it.each(weeks)('every zone is due exactly once for the Monday in %s … %s, in its 07:00 hour, for the week that ended', (from, to, monday) => {
    const week = weekBefore(monday);
    const wrong: string[] = [];
    for (const zone of zones) {
      const due = dueTicks(zone, 'weekly', from, to);
      const ok = due.length === 1 && due[0]?.from === week.from && due[0].to === week.to && localTime(zone, due[0].tick).startsWith('07:');
      if (!ok) wrong.push(`${zone}: ${JSON.stringify(due)}`);
    }
    expect(wrong).toEqual([]);
  }, SLOW);

  it.each([
    ['2026-10-30T00:00:00Z', '2026-11-02T23:00:00Z', '2026-11-01'],
    ['2026-03-30T00:00:00Z', '2026-04-02T23:00:00Z', '2026-04-01'],
    ['2026-12-30T00:00:00Z', '2027-01-02T23:00:00Z', '2027-01-01'],
  ])('every zone is due exactly once for the 1st in %s … %s, for the month that ended', (from, to, first) => {
    const month = monthBefore(first);
    const wrong: string[] = [];
    for (const zone of zones) {
      const due = dueTicks(zone, 'monthly', from, to);
      if (due.length !== 1 || due[0]?.from !== month.from || due[0].to !== month.to) wrong.push(`${zone}: ${JSON.stringify(due)}`);
    }
    expect(wrong).toEqual([]);
  }, SLOW);

  it('on a Wednesday no zone is due for either report', () => {
    for (let t = Date.parse('2026-11-25T00:00:00Z'); t < Date.parse('2026-11-26T00:00:00Z'); t += HOUR) {
      expect(dueZones(new Date(t), 'weekly', zones)).toEqual([]);
      expect(dueZones(new Date(t), 'monthly', zones)).toEqual([]);
    }
  }, SLOW);
});

describe('zone keys', () => {
  it('one key per zone whatever its spelling; UTC for none or an unknown name', () => {
    expect(zoneKey('europe/berlin')).toBe('Europe/Berlin');
    expect(zoneKey('Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneKey(null)).toBe('UTC');
    expect(zoneKey(undefined)).toBe('UTC');
    expect(zoneKey('Not/AZone')).toBe('UTC');
    expect(zoneKey('UTC')).toBe('UTC');
  });
});
