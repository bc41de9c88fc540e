import { on, queueConsumer } from '../../shared/async/handler';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { budgetStatuses } from '../../shared/use-cases/budgets';
import { goalStatuses } from '../../shared/use-cases/goals';
import { raiseAlerts, type AlertSources } from '../../shared/use-cases/alerts';
import { queueNamed } from '../queues';

const sources: AlertSources = { budgetStatuses: (userId, date) => budgetStatuses(userId, date), goalStatuses: (userId, asOf) => goalStatuses(userId, asOf) };

/**
 * `alerts` queue: every ledger event the analytics consumer has counted (forwarded only after its rollups are
 * written) → the alerts the data now raises, each stored once by its deterministic id (shared/use-cases/alerts.ts).
 */
export const handler = queueConsumer(
  queueNamed('alerts'),
  on(TransactionRecorded, async (e) => void (await raiseAlerts(e.data, sources))),
  on(TransactionUpdated, async (e) => void (await raiseAlerts(e.data, sources))),
  on(TransactionDeleted, async (e) => void (await raiseAlerts(e.data, sources))),
);
