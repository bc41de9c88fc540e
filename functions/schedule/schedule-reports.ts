import { scheduledJob } from '../../shared/async/handler';
import { queueDueReports } from '../../shared/use-cases/report-schedule';

/**
 * Hourly on Sundays and Mondays (UTC): the weekly report is due in the zones where it is now Monday 07:00 (local);
 * one shard message per due zone and shard onto `reports`, each paging that zone's users.
 */
export const handler = scheduledJob('schedule-reports', (now) => queueDueReports(now, 'weekly'));
