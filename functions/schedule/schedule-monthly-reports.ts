import { scheduledJob } from '../../shared/async/handler';
import { queueMonthlyReports } from '../../shared/use-cases/reports';

/** Margin left for the last page's messages before the function's timeout. */
const MARGIN_MS = 30_000;

/** The 1st of the month: the previous month's ReportRequested for every user who wants monthly reports (sharded sweep). */
export const handler = scheduledJob('schedule-monthly-reports', (now, context) => queueMonthlyReports(now, Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS));
