import { scheduledJob } from '../../shared/async/handler';
import { startMonthlySweep } from '../../shared/use-cases/advice-refresh';

/** Monthly: queues the first page of the advice sweep; each page queues its users' refreshes and the next page. */
export const handler = scheduledJob('refresh-advice', (now) => startMonthlySweep(now));
