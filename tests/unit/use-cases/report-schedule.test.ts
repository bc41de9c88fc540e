import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../events/envelope';
import { USER_SHARDS, userShard } from '../../../shared/adapters/keys';
import { queueDueReports, queueZoneReports, reportReceiptId } from '../../../shared/use-cases/report-schedule';
import { SWEEP_PAGES_PER_MESSAGE, SWEEP_PAGE_SIZE } from '../../../shared/use-cases/user-sweep';
import { usersByZone } from '../../support/memory/users-by-zone';

const CONFIRMED = '2026-01-01T00:00:00Z';
const HOUR = 3_600_000;

type Sweep = { job: 'weekly-report' | 'monthly-report'; zone?: string; shard?: number; cursor?: string; scheduledAt: string };
type Request = { userId: string; period: 'weekly' | 'monthly'; from: string; to: string };

/**
 * What the `reports` consumer does with the schedule's messages: every shard (and continuation) message is paged
 * until none is left. Returns the ReportRequested events queued.
 */
const done = new WeakSet<Envelope>();
async function drain(world: ReturnType<typeof usersByZone>): Promise<Envelope[]> {
  for (;;) {
    const next = world.of('UsersSweepContinued').filter((e) => !done.has(e));
    if (next.length === 0) return world.of('ReportRequested');
    for (const e of next) {
      done.add(e);
      const d = e.data as Sweep;
      if (d.zone === undefined || d.shard === undefined) throw new Error(`a zone-less sweep message: ${JSON.stringify(d)}`);
      await queueZoneReports(d.job === 'monthly-report' ? 'monthly' : 'weekly', d.zone, new Date(d.scheduledAt), d.shard, d.cursor, Number.POSITIVE_INFINITY, world.deps);
    }
  }
}

const user = (userId: string, timezone: string, more: Record<string, unknown> = {}) => ({ userId, timezone, confirmedAt: CONFIRMED, ...more });
const requests = (events: Envelope[]) => events.map((e) => ({ id: e.id, ...(e.data as Request) }));

describe('the hourly report schedule (in-memory users by zone)', () => {
  it('queues shard messages only for the zones due at this tick, reading no user, with ids a re-run repeats', async () => {
    const w = usersByZone([user('berlin', 'Europe/Berlin'), user('utc', 'UTC'), user('ny', 'America/New_York'), user('kolkata', 'Asia/Kolkata')]);
    // Monday 2026-11-30 06:00Z is 07:00 in Berlin (CET), 06:00 in UTC, 01:00 in New York, 11:30 in Kolkata.
    const r = await queueDueReports(new Date('2026-11-30T06:00:00Z'), 'weekly', w.deps);
    expect(r).toEqual({ tick: '2026-11-30T06:00:00.000Z', zones: ['Europe/Berlin'], shards: USER_SHARDS });
    expect(w.reads).toEqual([]);
    const shards = w.of('UsersSweepContinued');
    expect(shards.map((e) => e.data)).toEqual([...Array(USER_SHARDS).keys()].map((shard) => ({ job: 'weekly-report', zone: 'Europe/Berlin', shard, scheduledAt: '2026-11-30T06:00:00.000Z' })));
    expect(w.published.every((p) => p.queue === 'reports')).toBe(true);

    // A late run in the same hour is the same tick: the same message ids.
    const again = usersByZone([user('berlin', 'Europe/Berlin')]);
    await queueDueReports(new Date('2026-11-30T06:41:07Z'), 'weekly', again.deps);
    expect(again.of('UsersSweepContinued').map((e) => e.id)).toEqual(shards.map((e) => e.id));

    // Each shard message pages only its zone's partition of its shard; only the Berlin user gets a report.
    expect(requests(await drain(w))).toEqual([{ id: 'report-weekly-2026-11-23-berlin', userId: 'berlin', period: 'weekly', from: '2026-11-23', to: '2026-11-29' }]);
    expect(new Set(w.reads.map((x) => x.zone))).toEqual(new Set(['Europe/Berlin']));
  });

  it('a simulated Sunday and Monday of hourly ticks, each run twice: one weekly report per user, in its own 07:00 hour', { timeout: 60_000 }, async () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Etc/GMT+12'];
    const w = usersByZone(zones.map((z) => user(`u-${z}`, z)));
    const firstTick = new Map<string, string>();
    for (let t = Date.parse('2026-11-29T00:00:00Z'); t < Date.parse('2026-12-01T00:00:00Z'); t += HOUR) {
      const before = new Set(w.of('ReportRequested'));
      await queueDueReports(new Date(t), 'weekly', w.deps);
      await queueDueReports(new Date(t + 60_000), 'weekly', w.deps);
      for (const e of (await drain(w)).filter((x) => !before.has(x))) {
        const { userId } = e.data as Request;
        if (!firstTick.has(userId)) firstTick.set(userId, new Date(t).toISOString());
      }
    }
    const all = requests(w.of('ReportRequested'));
    // Run twice, each request is queued twice with the same id: the consumer's receipt makes it one email.
    const distinct = new Map(all.map((r) => [r.id, r]));
    expect([...distinct.values()].map((r) => r.userId).sort()).toEqual(zones.map((z) => `u-${z}`).sort());
    for (const r of distinct.values()) expect([r.from, r.to]).toEqual(['2026-11-23', '2026-11-29']);
    expect(all.length).toBe(2 * zones.length);
    expect(Object.fromEntries(firstTick)).toEqual({
      'u-Pacific/Kiritimati': '2026-11-29T17:00:00.000Z', // +14: 07:00 Monday
      'u-Pacific/Chatham': '2026-11-29T18:00:00.000Z', // +13:45: 07:45
      'u-Asia/Kathmandu': '2026-11-30T02:00:00.000Z', // +5:45: 07:45
      'u-Asia/Kolkata': '2026-11-30T02:00:00.000Z', // +5:30: 07:30
      'u-Europe/Berlin': '2026-11-30T06:00:00.000Z',
      'u-UTC': '2026-11-30T07:00:00.000Z',
      'u-America/New_York': '2026-11-30T12:00:00.000Z',
      'u-Etc/GMT+12': '2026-11-30T19:00:00.000Z', // −12
    });
  });

  it('a user who moves to a zone still ahead of 07:00 after their report was queued gets the same period and receipt', async () => {
    const w = usersByZone([user('mover', 'Pacific/Chatham')]);
    await queueDueReports(new Date('2026-11-29T18:00:00Z'), 'weekly', w.deps);
    await drain(w);
    w.move('mover', 'America/New_York');
    await queueDueReports(new Date('2026-11-30T12:00:00Z'), 'weekly', w.deps);
    const ids = requests(await drain(w)).map((r) => [r.id, reportReceiptId(r.userId, r.period, r.from)]);
    expect(ids).toEqual([
      ['report-weekly-2026-11-23-mover', 'report#weekly#2026-11-23#mover'],
      ['report-weekly-2026-11-23-mover', 'report#weekly#2026-11-23#mover'],
    ]);
  });

  it('keeps the preference (weekly | monthly | both | off) and confirmed accounts only, for each kind', async () => {
    const w = usersByZone([
      user('weekly', 'Europe/Berlin', { reports: 'weekly' }),
      user('default', 'Europe/Berlin'),
      user('monthly', 'Europe/Berlin', { reports: 'monthly' }),
      user('both', 'Europe/Berlin', { reports: 'both' }),
      user('off', 'Europe/Berlin', { reports: 'off' }),
      user('unconfirmed', 'Europe/Berlin', { confirmedAt: null }),
    ]);
    // 2027-03-01 is a Monday and the 1st: at 06:00Z (07:00 CET) both reports are due in Berlin.
    await queueDueReports(new Date('2027-03-01T06:00:00Z'), 'weekly', w.deps);
    await queueDueReports(new Date('2027-03-01T06:00:00Z'), 'monthly', w.deps);
    const got = requests(await drain(w)).map((r) => `${r.period}:${r.userId}:${r.from}..${r.to}`);
    expect(got.sort()).toEqual(['monthly:both:2027-02-01..2027-02-28', 'monthly:monthly:2027-02-01..2027-02-28', 'weekly:both:2027-02-22..2027-02-28', 'weekly:default:2027-02-22..2027-02-28', 'weekly:weekly:2027-02-22..2027-02-28'].sort());
  });

  it('the monthly report is due on the 1st in each zone: New York on the day its clocks go back, not an hour early', async () => {
    const w = usersByZone([user('ny', 'America/New_York', { reports: 'monthly' })]);
    expect((await queueDueReports(new Date('2026-11-01T11:00:00Z'), 'monthly', w.deps)).zones).toEqual([]);
    expect((await queueDueReports(new Date('2026-11-01T12:00:00Z'), 'monthly', w.deps)).zones).toEqual(['America/New_York']);
    expect(requests(await drain(w))).toEqual([{ id: 'report-monthly-2026-10-01-ny', userId: 'ny', period: 'monthly', from: '2026-10-01', to: '2026-10-31' }]);
  });

  it('a shard message for a zone not due at its tick (stale or forged) queues nothing', async () => {
    const w = usersByZone([user('berlin', 'Europe/Berlin')]);
    const r = await queueZoneReports('weekly', 'Europe/Berlin', new Date('2026-11-30T09:00:00Z'), userShard('berlin'), undefined, Number.POSITIVE_INFINITY, w.deps);
    expect(r).toEqual({ queued: 0, skipped: 0, continued: false });
    expect(w.reads).toEqual([]);
  });

  it('a zone shard larger than one message continues in a message that keeps its zone and resumes where it stopped', { timeout: 60_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; ids.length < SWEEP_PAGE_SIZE * SWEEP_PAGES_PER_MESSAGE + 3; i++) if (userShard(`b${i}`) === 0) ids.push(`b${i}`);
    const w = usersByZone([...ids.map((id) => user(id, 'Europe/Berlin')), user('other', 'UTC')]);
    const first = await queueZoneReports('weekly', 'Europe/Berlin', new Date('2026-11-30T06:00:00Z'), 0, undefined, Number.POSITIVE_INFINITY, w.deps);
    expect(first).toEqual({ queued: SWEEP_PAGE_SIZE * SWEEP_PAGES_PER_MESSAGE, skipped: 0, continued: true });
    const cont = w.of('UsersSweepContinued');
    expect(cont.map((e) => ({ ...(e.data as Sweep), cursor: undefined }))).toEqual([{ job: 'weekly-report', zone: 'Europe/Berlin', shard: 0, cursor: undefined, scheduledAt: '2026-11-30T06:00:00.000Z' }]);
    const queued = requests(await drain(w)).map((r) => r.userId);
    expect(queued.sort()).toEqual([...ids].sort());
  });
});
