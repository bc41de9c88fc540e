import { scheduledJob } from '../../shared/async/handler';
import { expireUnconfirmed } from '../../shared/use-cases/unconfirmed-accounts';

/** Daily: delete the accounts nobody confirmed within 7 days (each account on its own; see the use case). */
export const handler = scheduledJob('expire-unconfirmed', (now) => expireUnconfirmed(now));
