import { on, PoisonMessageError, queueConsumer } from '../../shared/async/handler';
import { queueNamed } from '../queues';
import { UsersSweepContinued } from '../../events/ledger-jobs';
import { ReportRequested } from '../../events/report-requested';
import { queueMonthlyReports, queueWeeklyReports, queueZoneReports, sendReport } from '../../shared/use-cases/report-schedule';

/** Time a sweep continuation may page for: the function's timeout (30 s, manifest) less a margin. */
const SWEEP_BUDGET_MS = 20_000;

/**
 * `reports` queue: builds and emails one user's periodic report; pages one shard of a due time zone for the hourly
 * report schedules (a message without a zone is one of the former UTC sweep, finished as it was queued).
 */
export const handler = queueConsumer(
  queueNamed('reports'),
  on(ReportRequested, async (e) => {
    await sendReport(e.id, e.data);
  }),
  on(UsersSweepContinued, async (e) => {
    if (e.data.job !== 'weekly-report' && e.data.job !== 'monthly-report') throw new PoisonMessageError(`the reports queue does not sweep ${e.data.job}`);
    if (e.data.shard === undefined && e.data.cursor !== undefined) throw new PoisonMessageError('a cursor of the unsharded users index');
    const kind = e.data.job === 'monthly-report' ? 'monthly' : 'weekly';
    if (e.data.zone !== undefined && e.data.shard !== undefined) {
      await queueZoneReports(kind, e.data.zone, new Date(e.data.scheduledAt), e.data.shard, e.data.cursor, Date.now() + SWEEP_BUDGET_MS);
      return;
    }
    const queue = kind === 'monthly' ? queueMonthlyReports : queueWeeklyReports;
    await queue(new Date(e.data.scheduledAt), Date.now() + SWEEP_BUDGET_MS, e.data.shard, e.data.cursor);
  }),
);
