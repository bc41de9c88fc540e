import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Envelope, MAX_CORRELATION_ID_LENGTH } from '../../events/envelope';
import { TransactionDeleted, TransactionRecorded, TransactionSnapshot, TransactionUpdated } from '../../events/transaction-changed';
import { toTransaction } from '../adapters/transaction-fields';
import { publish } from '../adapters/queue';
import { streamRelayHandler } from './handler';

function image(raw: unknown): Record<string, unknown> | undefined {
  return raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined;
}

function snapshot(item: Record<string, unknown> | undefined) {
  if (!item) return null;
  // Absent fields read back as null or [] (a transaction item leaves nulls and empty lists out).
  const parsed = TransactionSnapshot.safeParse(toTransaction(item));
  if (!parsed.success) throw new Error(`Transaction item ${String(item.sk)} does not match TransactionSnapshot: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * The events a stream record stands for: the event stored in an inserted outbox item, or the change of a
 * transaction item (its old and new images). Other outbox changes (its expiry), a transaction write whose snapshot
 * is unchanged, and items of no other kind yield none; a record with no image, an inserted outbox item without a
 * readable envelope, or a transaction image that breaks its snapshot schema throws (the relay fails it; it is never
 * skipped).
 */
export function eventsOf(record: DynamoDBRecord): Envelope[] {
  const newItem = image(record.dynamodb?.NewImage);
  const oldItem = image(record.dynamodb?.OldImage);
  const keyItem = newItem ?? oldItem;
  if (!keyItem) throw new Error(`stream record ${record.dynamodb?.SequenceNumber ?? ''} carries no image`);
  const pk = String(keyItem.pk ?? '');
  const sk = String(keyItem.sk ?? '');
  if (pk.startsWith('OUTBOX#')) {
    if (record.eventName !== 'INSERT') return [];
    if (typeof newItem?.event !== 'string') throw new Error(`outbox item ${pk} holds no event`);
    const parsed = Envelope.safeParse(JSON.parse(newItem.event));
    if (!parsed.success) throw new Error(`outbox item ${pk} holds no event envelope: ${parsed.error.issues[0]?.message ?? ''}`);
    return [parsed.data];
  }
  if (pk.startsWith('USER#') && sk.startsWith('TX#')) {
    const before = snapshot(oldItem);
    const after = snapshot(newItem);
    // A write that changes nothing a snapshot holds (an index key moved by a migration) is no ledger change.
    if (before && after && JSON.stringify(before) === JSON.stringify(after)) return [];
    const tx = (after ?? before) as TransactionSnapshot;
    const contract = !before ? TransactionRecorded : !after ? TransactionDeleted : TransactionUpdated;
    const id = after ? `${tx.id}@${after.version}` : `${tx.id}@${before?.version ?? 0}-deleted`;
    const at = record.dynamodb?.ApproximateCreationDateTime;
    // The write's own correlation id, stored on the item (shared/adapters/ledger.ts transactionItem). A delete writes
    // no attribute, so TransactionDeleted starts its own chain rather than claiming the previous writer's.
    const correlationId = after && typeof newItem?.lastCorrelationId === 'string' && newItem.lastCorrelationId !== '' ? newItem.lastCorrelationId.slice(0, MAX_CORRELATION_ID_LENGTH) : undefined;
    return [
      {
        id,
        type: contract.type,
        version: contract.version,
        occurredAt: at ? new Date(at * 1000).toISOString() : new Date().toISOString(),
        ...(correlationId ? { correlationId } : {}),
        data: { userId: tx.userId, transactionId: tx.id, before, after },
      },
    ];
  }
  return [];
}

/**
 * The relay from the table's stream to SQS: every outbox event and transaction change goes to the queues its type
 * is routed to (events/routing.ts). A record that cannot be read or an event without a route fails (and reaches the
 * mapping's on-failure destination once its retries are spent); see `streamRelayHandler`.
 */
export function streamRelay() {
  return streamRelayHandler(eventsOf, publish);
}
