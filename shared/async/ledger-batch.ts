import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated, type LedgerChange } from '../../events/transaction-changed';
import { metrics } from '../metrics';
import { logger } from '../observability';
import { decodeRecord, on, type ReceivedEvent } from './handler';

/** One record of a batch with its decoded ledger event. */
export interface LedgerRecord {
  record: SQSRecord;
  event: ReceivedEvent<LedgerChange>;
}

const noop = async () => undefined;
// A pure thunk: a bundle that imports a use case of this module's consumers for its reads leaves the contracts out.
const contracts = /*#__PURE__*/ (() => ({ ...on(TransactionRecorded, noop), ...on(TransactionUpdated, noop), ...on(TransactionDeleted, noop) }))();

/**
 * The ledger events of a batch by user, in batch order. A record that cannot be a valid ledger event is logged,
 * counted (PoisonMessages) and named in `poison`: failed alone, it moves to the DLQ after its last delivery.
 */
export function ledgerEventsByUser(records: readonly SQSRecord[]): { byUser: Map<string, LedgerRecord[]>; poison: string[] } {
  const byUser = new Map<string, LedgerRecord[]>();
  const poison: string[] = [];
  for (const record of records) {
    try {
      const event = decodeRecord(record, contracts).event as ReceivedEvent<LedgerChange>;
      byUser.set(event.data.userId, [...(byUser.get(event.data.userId) ?? []), { record, event }]);
    } catch (error) {
      logger.error('Poison message; it will move to the DLQ after its last delivery', { messageId: record.messageId, reason: (error as Error).message });
      metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
      poison.push(record.messageId);
    }
  }
  return { byUser, poison };
}

/**
 * Runs each user's work side by side; a user whose work throws fails only their own records (`failures`, to be
 * redelivered), logged with `what`, never another user's.
 */
export async function settleEachUser(byUser: ReadonlyMap<string, readonly LedgerRecord[]>, failures: string[], what: string, work: (userId: string, records: readonly LedgerRecord[]) => Promise<void>): Promise<void> {
  await Promise.all(
    [...byUser].map(async ([userId, records]) => {
      try {
        await work(userId, records);
      } catch (error) {
        logger.warn(`${what} failed; the user's messages will be redelivered`, { userId, messageIds: records.map((r) => r.record.messageId), error: error as Error });
        failures.push(...records.map((r) => r.record.messageId));
      }
    }),
  );
}
