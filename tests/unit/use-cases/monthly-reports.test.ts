import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../events/envelope';
import { previousMonth, queueMonthlyReports } from '../../../shared/use-cases/report-schedule';
import type { SweepDeps } from '../../../shared/use-cases/user-sweep';

function fakes(profiles: { userId: string; reports?: string }[]) {
  const published: { queue: string; events: Envelope[] }[] = [];
  const deps: SweepDeps = {
    profilesPage: async (shard) => ({ profiles: shard === 0 ? (profiles as never) : [] }),
    publish: async (queue, events) => void published.push({ queue, events }),
    shards: 4,
  };
  return { deps, published, events: () => published.flatMap((p) => p.events) };
}

describe('monthly report schedule', () => {
  it('covers the whole previous calendar month, across a year boundary', () => {
    expect(previousMonth(new Date('2026-12-01T07:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(previousMonth(new Date('2027-01-01T07:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth(new Date('2028-03-01T07:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('fans out one monthly-report message per shard on reports, then queues a report only for monthly or both', async () => {
    const now = new Date('2026-12-01T07:00:00Z');
    const f = fakes([{ userId: 'w', reports: 'weekly' }, { userId: 'm', reports: 'monthly' }, { userId: 'b', reports: 'both' }, { userId: 'o', reports: 'off' }, { userId: 'd' }]);
    await queueMonthlyReports(now, Number.POSITIVE_INFINITY, undefined, undefined, f.deps);
    expect(f.published.map((p) => p.queue)).toEqual(['reports']);
    expect(f.events().map((e) => [e.type, (e.data as { job: string; shard: number }).job, (e.data as { shard: number }).shard])).toEqual([0, 1, 2, 3].map((s) => ['UsersSweepContinued', 'monthly-report', s]));

    const g = fakes([{ userId: 'w', reports: 'weekly' }, { userId: 'm', reports: 'monthly' }, { userId: 'b', reports: 'both' }, { userId: 'o', reports: 'off' }, { userId: 'd' }]);
    const r = await queueMonthlyReports(now, Number.POSITIVE_INFINITY, 0, undefined, g.deps);
    expect(r.queued).toBe(2);
    const reports = g.events().filter((e) => e.type === 'ReportRequested');
    expect(reports.map((e) => e.data)).toEqual([
      { userId: 'm', period: 'monthly', from: '2026-11-01', to: '2026-11-30' },
      { userId: 'b', period: 'monthly', from: '2026-11-01', to: '2026-11-30' },
    ]);
    // Ids derive from user and month: a second run of the schedule queues the same ids (the receipts dedupe sends).
    expect(reports.map((e) => e.id)).toEqual(['report-monthly-2026-11-01-m', 'report-monthly-2026-11-01-b']);
  });
});
