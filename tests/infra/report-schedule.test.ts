import { beforeAll, describe, expect, it } from 'vitest';
import { asyncFunctions } from '../../functions/async-functions';
import { nextFireTime, parseSchedule } from '../../infra/local/schedule';
import { allZones, dueZones, type ReportKind } from '../../shared/domain/reports/schedule';
import { buildTestApp, functionsByName, resourcesOf, templatesOf, type Resource } from './app';

const HOUR = 3_600_000;
const REPORTS: Record<string, ReportKind> = { 'schedule-reports': 'weekly', 'schedule-monthly-reports': 'monthly' };
const EXPRESSIONS: Record<string, string> = { 'schedule-reports': 'cron(0 * ? * SUN,MON *)', 'schedule-monthly-reports': 'cron(0 * 1,28-31 * ? *)' };

const expressionOf = (name: string) => {
  const def = asyncFunctions.find((f) => f.name === name);
  if (def?.kind !== 'schedule') throw new Error(`${name} is not a schedule`);
  return def.schedule;
};

describe('report schedules', () => {
  let schedules: Record<string, Resource>;
  let logicalIds: Map<string, string>;

  beforeAll(() => {
    const t = templatesOf(buildTestApp());
    schedules = resourcesOf(t.async, 'AWS::Scheduler::Schedule');
    logicalIds = new Map([...functionsByName(t.async)].map(([name, fn]) => [name, fn.logicalId]));
  });

  it('fire hourly (UTC) on the days a 07:00 local can fall on, and pass the scheduled time to the function', () => {
    for (const name of Object.keys(REPORTS)) {
      const schedule = Object.values(schedules).find((s) => (s.Properties.Target as { Arn: { 'Fn::GetAtt': [string] } }).Arn['Fn::GetAtt'][0] === logicalIds.get(name));
      expect(schedule?.Properties.ScheduleExpression, name).toBe(EXPRESSIONS[name]);
      expect(schedule?.Properties.ScheduleExpressionTimezone).toBe('Etc/UTC');
      // A retried attempt evaluates the hour it was scheduled for (its `time`), not the hour it arrives in.
      const input = JSON.parse(String((schedule?.Properties.Target as { Input?: string }).Input)) as Record<string, string>;
      expect(input.time).toBe('<aws.scheduler.scheduled-time>');
    }
  });

  // Hourly ticks around Mondays and 1sts, daylight-saving changes included, wide enough for UTC−12 to UTC+14: every
  // tick at which some zone (the runtime's, and Etc/ zones a profile may name) is due is a tick the schedule fires.
  const zones = [...allZones(), 'Etc/GMT+12', 'Etc/GMT-14'];
  const windows = [
    ['2026-11-27T00:00:00Z', '2026-12-02T23:00:00Z'],
    ['2026-03-27T00:00:00Z', '2026-04-01T23:00:00Z'],
    ['2026-10-23T00:00:00Z', '2026-11-03T23:00:00Z'],
    ['2027-02-26T00:00:00Z', '2027-03-02T23:00:00Z'],
  ] as const;

  it.each(windows)('fire at every hour some zone is due, %s … %s', (from, to) => {
    for (const [name, kind] of Object.entries(REPORTS)) {
      const schedule = parseSchedule(expressionOf(name));
      const missed: string[] = [];
      let due = 0;
      for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
        if (dueZones(new Date(t), kind, zones).length === 0) continue;
        due++;
        if (nextFireTime(schedule, new Date(t - 1))?.getTime() !== t) missed.push(new Date(t).toISOString());
      }
      expect(missed, `${name} misses due hours`).toEqual([]);
      expect(due).toBeGreaterThan(20);
    }
  });
});
