import { scheduledJob } from '../../shared/async/scheduled';
import { queueWeeklyReports } from '../../shared/use-cases/reports';

/** Monday morning: one ReportRequested per user onto the `reports` queue. */
export const handler = scheduledJob((now) => queueWeeklyReports(now));
