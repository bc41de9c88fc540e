import { scheduledJob } from '../../shared/async/handler';
import { queueAlertDigests } from '../../shared/use-cases/alerts';

/** Daily: one AlertDigestRequested per user with alerts of yesterday (UTC) they want emailed `daily`. */
export const handler = scheduledJob('alerts-digest', (now) => queueAlertDigests(now));
