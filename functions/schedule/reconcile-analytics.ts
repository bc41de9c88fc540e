import { scheduledJob } from '../../shared/async/handler';
import { queueReconcileAll } from '../../shared/use-cases/analytics-repair';

/** Margin left for the last page's messages before the function's timeout. */
const MARGIN_MS = 30_000;

/**
 * Nightly: one AnalyticsReconcileRequested per user onto `ledger-jobs`, where each user's rollups are recounted (and
 * drift fixed) in their own message; a sweep that runs out of time continues in a message.
 */
export const handler = scheduledJob('reconcile-analytics', (now, context) => queueReconcileAll(now, Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS));
