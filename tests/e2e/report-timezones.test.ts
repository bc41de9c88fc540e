import { describe, expect, it } from 'vitest';
import { dueReport, weekBefore, zoneKey } from '../../shared/domain/reports/schedule';
import { call, eventually, newUser, outbox, type TestUser } from '../support/api';
import { runReportSchedule, thisMondayAt } from '../support/report-schedule';

/**
 * Reports at 07:00 in the user's own time zone, over the local cloud: two users in different zones, the weekly
 * schedule fired at chosen hours of this week's Monday (UTC). Only the user whose Monday 07:00 just passed gets the
 * email; the schedule run again gives no second one; the other user gets theirs at their own hour; and moving to a
 * zone whose Monday 07:00 is still ahead does not send the same week twice.
 */
const HOUR = 3_600_000;

/** The hourly tick, from Sunday 00:00Z to Tuesday 00:00Z around `monday`, at which `zone`'s weekly report is due. */
function dueTick(zone: string, monday: Date): Date {
  for (let t = monday.getTime() - 24 * HOUR; t < monday.getTime() + 48 * HOUR; t += HOUR) if (dueReport(zone, new Date(t), 'weekly')) return new Date(t);
  throw new Error(`no due tick for ${zone}`);
}

const weekly = async (u: TestUser) => (await outbox(u.email)).filter((m) => /weekly Tally report/.test(m.subject));

describe('weekly report at 07:00 local', () => {
  it('only the user whose Monday 07:00 just passed gets it, once however often the schedule runs', { timeout: 180_000 }, async () => {
    const [kolkata, newYork] = await Promise.all([newUser('Kolkata'), newUser('New York')]);
    for (const [u, timezone] of [[kolkata, 'Asia/Kolkata'], [newYork, 'America/New_York']] as const) {
      const res = await call('PATCH', '/me', { token: u.accessToken, body: { timezone } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.timezone).toBe(timezone);
    }
    const monday = thisMondayAt(0);
    const week = weekBefore(monday.toISOString().slice(0, 10));
    const kolkataTick = dueTick('Asia/Kolkata', monday); // 02:00Z: 07:30 in Kolkata, 21:00 or 22:00 on Sunday in New York
    const newYorkTick = dueTick('America/New_York', monday); // 11:00Z or 12:00Z
    expect(kolkataTick.toISOString()).toBe(new Date(monday.getTime() + 2 * HOUR).toISOString());

    // The Kolkata hour, twice at once: the Kolkata user's report, one.
    const runs = await Promise.all([runReportSchedule('schedule-reports', kolkataTick), runReportSchedule('schedule-reports', kolkataTick)]);
    expect(runs.map((r) => r.ok)).toEqual([true, true]);
    // Zones are listed under the runtime's own spelling (Node 20 says Asia/Calcutta for Asia/Kolkata).
    expect(runs[0]?.result?.zones).toContain(zoneKey('Asia/Kolkata'));
    expect(runs[0]?.result?.zones).not.toContain(zoneKey('America/New_York'));
    const mail = await eventually(async () => (await weekly(kolkata))[0], 60_000, 'the Kolkata user’s weekly report');
    expect(mail.subject).toContain(`week ${week.from} to ${week.to}`);

    // Once more, later in the same hour (a late or retried run is the same tick): still one.
    expect((await runReportSchedule('schedule-reports', new Date(kolkataTick.getTime() + 25 * 60_000))).ok).toBe(true);
    // The New York user is not due at the Kolkata hour; a third user created now and put in Kolkata's zone is
    // queued by the run after it, which bounds the time any duplicate had to arrive.
    const late = await newUser('Kolkata late');
    expect((await call('PATCH', '/me', { token: late.accessToken, body: { timezone: 'Asia/Kolkata' } })).status).toBe(200);
    expect((await runReportSchedule('schedule-reports', kolkataTick)).ok).toBe(true);
    await eventually(async () => (await weekly(late))[0], 60_000, 'the later Kolkata user’s report');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await weekly(kolkata)).toHaveLength(1);
    expect(await weekly(newYork)).toHaveLength(0);

    // New York's own hour: its user's report, for the same week.
    const ny = await runReportSchedule('schedule-reports', newYorkTick);
    expect(ny.ok).toBe(true);
    expect(ny.result?.zones).toContain(zoneKey('America/New_York'));
    expect(ny.result?.zones).not.toContain(zoneKey('Asia/Kolkata'));
    const nyMail = await eventually(async () => (await weekly(newYork))[0], 60_000, 'the New York user’s weekly report');
    expect(nyMail.subject).toContain(`week ${week.from} to ${week.to}`);

    // The Kolkata user moves to New York after their report went out: New York's hour run again sends them nothing.
    expect((await call('PATCH', '/me', { token: kolkata.accessToken, body: { timezone: 'America/New_York' } })).status).toBe(200);
    expect((await runReportSchedule('schedule-reports', newYorkTick)).ok).toBe(true);
    const later = await newUser('New York late');
    expect((await call('PATCH', '/me', { token: later.accessToken, body: { timezone: 'America/New_York' } })).status).toBe(200);
    expect((await runReportSchedule('schedule-reports', newYorkTick)).ok).toBe(true);
    await eventually(async () => (await weekly(later))[0], 60_000, 'the later New York user’s report');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await weekly(kolkata)).toHaveLength(1);
    expect(await weekly(newYork)).toHaveLength(1);
  });
});
