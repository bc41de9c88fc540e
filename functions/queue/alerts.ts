import { queueBatchConsumer } from '../../shared/async/handler';
import { addLagOfBatch, ALERT_LATENCY_METRIC } from '../../shared/async/lag';
import { budgetEvaluations, budgetStatuses, listBudgets } from '../../shared/use-cases/budgets';
import { goalStatuses } from '../../shared/use-cases/goals';
import type { AlertSources } from '../../shared/use-cases/alerts';
import { raiseAlertsOfBatch } from '../../shared/use-cases/alerts-batch';
import { queueNamed } from '../queues';

/** The budgets and goals use cases the alert rules read (the chaos test computes its expected set from the same). */
export const alertSources: AlertSources = {
  budgetStatuses: (userId, date) => budgetStatuses(userId, date),
  goalStatuses: (userId, asOf, profile) => goalStatuses(userId, asOf, undefined, profile),
  budgetStarts: async (userId) => new Map((await listBudgets(userId)).items.map((b) => [b.id, b.startDate ?? b.createdAt.slice(0, 10)])),
  budgetEvaluations: (userId, touches, profile) => budgetEvaluations(userId, touches, undefined, profile),
};

/**
 * `alerts` queue: every ledger event the analytics consumer has counted (forwarded only after its rollups are
 * written) → the alerts the data now raises, each stored once by its deterministic id. A batch is evaluated per user
 * (shared/use-cases/alerts-batch.ts); then the alert latency of each event handled: ledger change → alerts stored.
 */
export const handler = queueBatchConsumer(queueNamed('alerts'), async (records) => {
  const result = await raiseAlertsOfBatch(records, alertSources);
  addLagOfBatch(ALERT_LATENCY_METRIC, records, result);
  return result;
});
