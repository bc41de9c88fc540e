import { scheduledJob } from '../../shared/async/handler';
import { queueDueReports } from '../../shared/use-cases/report-schedule';

/**
 * Hourly around the turn of the month (UTC): the previous month's report is due in the zones where it is now the
 * 1st, 07:00 (local); one shard message per due zone and shard onto `reports`, each paging that zone's users.
 */
export const handler = scheduledJob('schedule-monthly-reports', (now) => queueDueReports(now, 'monthly'));
