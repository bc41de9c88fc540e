import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { delta, mergeDeltas, type RollupDelta } from '../domain/analytics';
import { decodeRecord, on, PoisonMessageError } from '../async/consumer';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { applyOnce } from '../adapters/rollups';
import { logger } from '../observability';

/** Merged updates larger than this (fields across a batch) are applied event by event (expression size limits). */
const MAX_FIELDS_PER_WRITE = 250;

const noop = async () => undefined;
const contracts = { ...on(TransactionRecorded, noop), ...on(TransactionUpdated, noop), ...on(TransactionDeleted, noop) };

interface Decoded {
  record: SQSRecord;
  eventId: string;
  userId: string;
  deltas: RollupDelta[];
}

function decode(record: SQSRecord): Decoded {
  const { event } = decodeRecord(record, contracts);
  const data = event.data as { userId: string; before: Parameters<typeof delta>[0]; after: Parameters<typeof delta>[1] };
  let deltas: RollupDelta[];
  try {
    deltas = delta(data.before, data.after);
  } catch (e) {
    throw new PoisonMessageError(`the transaction images cannot be counted: ${(e as Error).message}`);
  }
  return { record, eventId: event.id, userId: data.userId, deltas };
}

const fieldCount = (deltas: RollupDelta[]) => deltas.reduce((n, d) => n + Object.keys(d.fields).length, 0);

/**
 * Applies a batch of ledger events to the monthly rollups, exactly once each: per user, the whole group in one
 * transaction with its dedup records; if one of them was already applied (a redelivery), event by event, skipping
 * those already counted. Poison messages and failures are reported as partial batch failures.
 */
export async function applyLedgerEvents(records: SQSRecord[], now = new Date()): Promise<SQSBatchResponse> {
  const failures: string[] = [];
  const byUser = new Map<string, Decoded[]>();
  for (const record of records) {
    try {
      const d = decode(record);
      byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
    } catch (error) {
      logger.error('Poison message; it will move to the DLQ after its last delivery', { messageId: record.messageId, reason: (error as Error).message });
      failures.push(record.messageId);
    }
  }
  await Promise.all(
    [...byUser.entries()].map(async ([userId, events]) => {
      // The same event twice in one batch (a duplicate delivery) is applied once.
      const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
      const merged = mergeDeltas(unique.flatMap((e) => e.deltas));
      try {
        if (unique.length > 1 && unique.length <= 50 && fieldCount(merged) <= MAX_FIELDS_PER_WRITE && merged.length <= 40) {
          // A duplicate in the group is sorted out event by event; an erased account's events are dropped.
          if ((await applyOnce(userId, unique.map((e) => e.eventId), merged, now)) !== 'duplicate') return;
        }
      } catch (error) {
        logger.warn('Group write failed; applying event by event', { userId, error: error as Error });
      }
      for (const e of unique) {
        try {
          await applyOnce(userId, [e.eventId], mergeDeltas(e.deltas), now);
        } catch (error) {
          logger.warn('Event failed; it will be redelivered', { eventId: e.eventId, error: error as Error });
          for (const d of events) if (d.eventId === e.eventId) failures.push(d.record.messageId);
        }
      }
    }),
  );
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
