import { scheduledJob } from '../../shared/async/scheduled';
import { reconcileAll } from '../../shared/use-cases/analytics-repair';

/** Nightly: recount every user's rollups from their transactions and fix any drift (reported in the logs). */
export const handler = scheduledJob((now) => reconcileAll(now));
