import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { delta, mergeDeltas, type RollupDelta } from '../domain/analytics';
import { decodeRecord, on, PoisonMessageError } from '../async/consumer';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import type { Envelope } from '../../events/envelope';
import { applyOnce } from '../adapters/rollups';
import { publish } from '../adapters/queue';
import { markDirty } from '../adapters/dirty-users';
import { logger } from '../observability';

/** Merged updates larger than this (fields across a batch) are applied event by event (expression size limits). */
const MAX_FIELDS_PER_WRITE = 250;
/** Items one TransactWriteItems may hold (DynamoDB): a dedup record per event and every rollup item (one kept spare). */
const MAX_TRANSACTION_ITEMS = 100;
/** Events grouped into one write at most (each adds a dedup record, and its monthly and daily items to the merge). */
const MAX_EVENTS_PER_WRITE = 50;
/** The queue fed with every applied event, after its rollups are written (the alerts consumer reads them). */
export const ALERTS_QUEUE = 'alerts';

const noop = async () => undefined;
const contracts = { ...on(TransactionRecorded, noop), ...on(TransactionUpdated, noop), ...on(TransactionDeleted, noop) };

interface Decoded {
  record: SQSRecord;
  eventId: string;
  userId: string;
  /** The envelope as it came (forwarded unchanged). */
  envelope: Envelope;
  /** Monthly and daily rollup items the event changes. */
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
  return { record, eventId: event.id, userId: data.userId, envelope: JSON.parse(record.body) as Envelope, deltas };
}

/** Whether one transaction can hold `events` dedup records and `items` rollup items (one item kept spare, as when it held the erasure check). */
const fitsOneWrite = (events: number, items: number) => 1 + events + items <= MAX_TRANSACTION_ITEMS;

const fieldCount = (deltas: RollupDelta[]) => deltas.reduce((n, d) => n + Object.keys(d.fields).length, 0);

/**
 * Applies a batch of ledger events to the monthly and daily rollups, exactly once each: per user, the whole group in
 * one transaction with its dedup records; if one of them was already applied (a redelivery), event by event, skipping
 * those already counted. Then every event of the user that is applied (now or before: a duplicate) is forwarded,
 * envelope unchanged, to the `alerts` queue, so alerts only ever see events whose rollups are written; an erased
 * account's events are not. Poison messages, failed writes and failed forwards are reported as partial batch
 * failures (a redelivery re-applies as a duplicate, then forwards again).
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
      const failed = (eventId: string) => {
        for (const d of events) if (d.eventId === eventId) failures.push(d.record.messageId);
      };
      const applied = await applyUser(userId, unique, now, failed);
      // The nightly reconcile recounts users marked dirty; a failed mark fails the events, whose redelivery re-marks.
      if (applied.length > 0) await markDirty(userId, now).catch(() => applied.forEach((e) => failed(e.eventId)));
      await forward(applied, failed);
    }),
  );
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** Applies one user's events; returns those now counted (applied or already applied), reports those that failed. */
async function applyUser(userId: string, unique: Decoded[], now: Date, failed: (eventId: string) => void): Promise<Decoded[]> {
  const merged = mergeDeltas(unique.flatMap((e) => e.deltas));
  try {
    // Items, not events: each event may add up to four rollup items (its old and new month and day).
    if (unique.length > 1 && unique.length <= MAX_EVENTS_PER_WRITE && fieldCount(merged) <= MAX_FIELDS_PER_WRITE && fitsOneWrite(unique.length, merged.length)) {
      // A duplicate in the group is sorted out event by event; an erased account's events are dropped.
      const outcome = await applyOnce(userId, unique.map((e) => e.eventId), merged, now);
      if (outcome === 'applied') return unique;
      if (outcome === 'erased') return [];
    }
  } catch (error) {
    logger.warn('Group write failed; applying event by event', { userId, error: error as Error });
  }
  const counted: Decoded[] = [];
  for (const e of unique) {
    try {
      if ((await applyOnce(userId, [e.eventId], mergeDeltas(e.deltas), now)) !== 'erased') counted.push(e);
    } catch (error) {
      logger.warn('Event failed; it will be redelivered', { eventId: e.eventId, error: error as Error });
      failed(e.eventId);
    }
  }
  return counted;
}

/** Sends counted events to the alerts queue, ten at a time; the events of a send that fails are reported failed. */
async function forward(counted: Decoded[], failed: (eventId: string) => void): Promise<void> {
  for (let i = 0; i < counted.length; i += 10) {
    const chunk = counted.slice(i, i + 10);
    try {
      await publish(ALERTS_QUEUE, chunk.map((e) => e.envelope));
    } catch (error) {
      logger.warn('Forward to alerts failed; the events will be redelivered (and counted as duplicates)', { eventIds: chunk.map((e) => e.eventId), error: error as Error });
      for (const e of chunk) failed(e.eventId);
    }
  }
}
