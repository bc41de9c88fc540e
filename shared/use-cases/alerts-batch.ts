import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { decodeRecord, on } from '../async/consumer';
import { logger, metrics } from '../observability';
import { raiseUserAlerts, type AlertSources, type TracedChange } from './alerts';

const noop = async () => undefined;
const contracts = { ...on(TransactionRecorded, noop), ...on(TransactionUpdated, noop), ...on(TransactionDeleted, noop) };

interface Decoded {
  record: SQSRecord;
  eventId: string;
  change: TracedChange;
}

/**
 * The records of a batch by user, each decoded against its contract; a record that cannot be a valid event is
 * reported in `poison` (it moves to the DLQ after its last delivery).
 */
export function groupByUser(records: readonly SQSRecord[]): { byUser: Map<string, Decoded[]>; poison: SQSRecord[] } {
  const byUser = new Map<string, Decoded[]>();
  const poison: SQSRecord[] = [];
  for (const record of records) {
    try {
      const { event } = decodeRecord(record, contracts);
      const change = { ...(event.data as TracedChange), correlationId: event.correlationId };
      byUser.set(change.userId, [...(byUser.get(change.userId) ?? []), { record, eventId: event.id, change }]);
    } catch (error) {
      logger.error('Poison message; it will move to the DLQ after its last delivery', { messageId: record.messageId, reason: (error as Error).message });
      metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
      poison.push(record);
    }
  }
  return { byUser, poison };
}

/**
 * The `alerts` queue's batch: the ledger events of each user are evaluated together (their profile, preferences,
 * budgets, rollups and goals read once per user, not once per event; the same event delivered twice in the batch
 * once) and their alerts stored once each (shared/use-cases/alerts.ts `raiseUserAlerts`). Users side by side: one
 * user's failure reports only that user's records as batch item failures (redelivered; every write is idempotent),
 * never another user's.
 */
export async function raiseAlertsOfBatch(records: readonly SQSRecord[], sources: AlertSources, now = new Date()): Promise<SQSBatchResponse> {
  const { byUser, poison } = groupByUser(records);
  const failures = poison.map((r) => r.messageId);
  await Promise.all(
    [...byUser.entries()].map(async ([userId, events]) => {
      const unique = [...new Map(events.map((e) => [e.eventId, e.change])).values()];
      try {
        await raiseUserAlerts(userId, unique, sources, now);
      } catch (error) {
        logger.warn("A user's events failed; they will be redelivered", { userId, messageIds: events.map((e) => e.record.messageId), error: error as Error });
        failures.push(...events.map((e) => e.record.messageId));
      }
    }),
  );
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
