import { describe, expect, it } from 'vitest';
import { nextFireTime, nextFireTimes, parseSchedule, ScheduleError } from '../../infra/local/schedule';
import { scheduleFunctions } from '../../functions/manifest';

const at = (iso: string) => new Date(iso);
const iso = (dates: (Date | undefined)[]) => dates.map((d) => d?.toISOString());
const next = (expression: string, after: string, count = 1) => iso(nextFireTimes(parseSchedule(expression), at(after), count));

describe('EventBridge Scheduler expressions', () => {
  it('parses every schedule of the manifest', () => {
    // Prepare / Act
    const parsed = scheduleFunctions.map((f) => parseSchedule(f.schedule));
    // Assess
    expect(parsed.length).toBeGreaterThan(0);
    for (const p of parsed) expect(['rate', 'cron', 'at']).toContain(p.kind);
  });

  it('fires cron(0 7 ? * MON *) on Mondays at 07:00 UTC', () => {
    // 2024-05-01 is a Wednesday.
    expect(next('cron(0 7 ? * MON *)', '2024-05-01T12:00:00Z', 3)).toEqual(['2024-05-06T07:00:00.000Z', '2024-05-13T07:00:00.000Z', '2024-05-20T07:00:00.000Z']);
  });

  it('fires strictly after the given time, also on the due minute itself', () => {
    expect(next('cron(0 7 ? * MON *)', '2024-05-06T07:00:00Z')).toEqual(['2024-05-13T07:00:00.000Z']);
    expect(next('cron(0 7 ? * MON *)', '2024-05-06T06:59:59.999Z')).toEqual(['2024-05-06T07:00:00.000Z']);
  });

  it('counts rate schedules from their start', () => {
    const schedule = parseSchedule('rate(5 minutes)');
    const start = at('2024-01-01T00:00:00Z');
    expect(iso([nextFireTime(schedule, at('2024-01-01T00:07:00Z'), start)])).toEqual(['2024-01-01T00:10:00.000Z']);
    expect(iso([nextFireTime(schedule, at('2024-01-01T00:10:00Z'), start)])).toEqual(['2024-01-01T00:15:00.000Z']);
    expect(parseSchedule('rate(1 hour)')).toMatchObject({ kind: 'rate', everyMs: 3_600_000 });
    expect(parseSchedule('rate(2 days)')).toMatchObject({ kind: 'rate', everyMs: 172_800_000 });
  });

  it('supports ranges, lists, steps and names', () => {
    expect(next('cron(*/15 9-10 ? * MON-FRI *)', '2024-05-03T10:40:00Z', 3)).toEqual([
      '2024-05-03T10:45:00.000Z',
      '2024-05-06T09:00:00.000Z',
      '2024-05-06T09:15:00.000Z',
    ]);
    expect(next('cron(0 12 1,15 JAN,JUL ? *)', '2024-01-02T00:00:00Z', 3)).toEqual([
      '2024-01-15T12:00:00.000Z',
      '2024-07-01T12:00:00.000Z',
      '2024-07-15T12:00:00.000Z',
    ]);
    expect(next('cron(5/20 0 * * ? *)', '2024-03-10T00:00:00Z', 3)).toEqual(['2024-03-10T00:05:00.000Z', '2024-03-10T00:25:00.000Z', '2024-03-10T00:45:00.000Z']);
    expect(next('cron(0 0 1 1 ? 2030-2031)', '2024-01-01T00:00:00Z', 3)).toEqual(['2030-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z']);
  });

  it('supports L, W and # in the day fields', () => {
    expect(next('cron(0 0 L * ? *)', '2024-02-01T00:00:00Z', 2)).toEqual(['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z']);
    // 2024-06-01 is a Saturday: the nearest weekday to the 1st is Monday the 3rd; 2024-03-31 is a Sunday.
    expect(next('cron(0 0 1W * ? *)', '2024-05-31T00:00:00Z')).toEqual(['2024-06-03T00:00:00.000Z']);
    expect(next('cron(0 0 LW * ? *)', '2024-03-01T00:00:00Z')).toEqual(['2024-03-29T00:00:00.000Z']);
    expect(next('cron(0 0 ? * 6L *)', '2024-05-01T00:00:00Z')).toEqual(['2024-05-31T00:00:00.000Z']);
    expect(next('cron(0 0 ? * MON#2 *)', '2024-05-01T00:00:00Z', 2)).toEqual(['2024-05-13T00:00:00.000Z', '2024-06-10T00:00:00.000Z']);
  });

  it('stops at the end of a bounded schedule', () => {
    expect(next('cron(0 0 1 1 ? 2020)', '2024-01-01T00:00:00Z')).toEqual([]);
    expect(next('at(2030-01-02T03:04:05)', '2024-01-01T00:00:00Z', 2)).toEqual(['2030-01-02T03:04:05.000Z']);
  });

  it.each([
    ['cron(0 7 * * MON *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 7 ? * ? *)', /exactly one/],
    ['cron(0 7 ? * MON)', /6 fields/],
    ['cron(60 7 ? * MON *)', /minutes/],
    ['cron(0 24 ? * MON *)', /hours/],
    ['cron(0 7 ? * FUNDAY *)', /day-of-week/],
    ['cron(0 7 32 * ? *)', /day-of-month/],
    ['cron(0 7 ? 13 MON *)', /month/],
    ['cron(0 5-1 ? * MON *)', /backwards/],
    ['cron(*/0 7 ? * MON *)', /step/],
    ['rate(1 minutes)', /1 minute/],
    ['rate(5 minute)', /5 minutes/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(5 weeks)', /rate needs/],
    ['every 5 minutes', /expected rate/],
  ])('refuses %s', (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(ScheduleError);
    expect(() => parseSchedule(expression)).toThrow(message);
  });
});
