import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { ledgerEventsByUser, settleEachUser } from '../async/ledger-batch';
import { raiseUserAlerts, type AlertSources } from './alerts';

/**
 * The `alerts` queue's batch: the ledger events of each user are evaluated together (their profile, preferences,
 * budgets, rollups and goals read once per user, not once per event; the same event delivered twice in the batch
 * once) and their alerts stored once each (shared/use-cases/alerts.ts `raiseUserAlerts`), each change carrying the
 * correlation id of its event. Users side by side: one user's failure reports only that user's records as batch item
 * failures (redelivered; every write is idempotent), never another user's; a poison record fails alone.
 */
export async function raiseAlertsOfBatch(records: readonly SQSRecord[], sources: AlertSources, now = new Date()): Promise<SQSBatchResponse> {
  const { byUser, poison } = ledgerEventsByUser(records);
  const failures = [...poison];
  await settleEachUser(byUser, failures, 'Alerts', async (userId, events) => {
    const unique = [...new Map(events.map(({ event }) => [event.id, { ...event.data, correlationId: event.correlationId }])).values()];
    await raiseUserAlerts(userId, unique, sources, now);
  });
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
