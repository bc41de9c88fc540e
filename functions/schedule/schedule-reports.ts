import { scheduledJob } from '../../shared/async/handler';
import { queueWeeklyReports } from '../../shared/use-cases/reports';

/** Margin left for the last page's messages before the function's timeout. */
const MARGIN_MS = 30_000;

/** Monday morning: one ReportRequested per user onto the `reports` queue (continued in a message when there are many). */
export const handler = scheduledJob('schedule-reports', (now, context) => queueWeeklyReports(now, Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS));
