import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { on, queueConsumer } from '../../shared/async/handler';
import { ALERT_LATENCY_METRIC, msSince } from '../../shared/async/lag';
import { metrics } from '../../shared/observability';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { budgetStatuses, listBudgets } from '../../shared/use-cases/budgets';
import { goalStatuses } from '../../shared/use-cases/goals';
import { raiseAlerts, type AlertSources } from '../../shared/use-cases/alerts';
import { queueNamed } from '../queues';

const sources: AlertSources = {
  budgetStatuses: (userId, date) => budgetStatuses(userId, date),
  goalStatuses: (userId, asOf) => goalStatuses(userId, asOf),
  budgetStarts: async (userId) => new Map((await listBudgets(userId)).items.map((b) => [b.id, b.startDate ?? b.createdAt.slice(0, 10)])),
};

/** Raises the event's alerts, then records the alert latency: ledger change → alerts stored. */
async function raise(data: Parameters<typeof raiseAlerts>[0], occurredAt: string): Promise<void> {
  await raiseAlerts(data, sources);
  const latency = msSince(occurredAt);
  if (latency !== undefined) metrics.addMetric(ALERT_LATENCY_METRIC, MetricUnit.Milliseconds, latency);
}

/**
 * `alerts` queue: every ledger event the analytics consumer has counted (forwarded only after its rollups are
 * written) → the alerts the data now raises, each stored once by its deterministic id (shared/use-cases/alerts.ts).
 */
export const handler = queueConsumer(
  queueNamed('alerts'),
  on(TransactionRecorded, (e) => raise(e.data, e.occurredAt)),
  on(TransactionUpdated, (e) => raise(e.data, e.occurredAt)),
  on(TransactionDeleted, (e) => raise(e.data, e.occurredAt)),
);
