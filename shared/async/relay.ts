import middy from '@middy/core';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Envelope } from '../../events/envelope';
import { ROUTES } from '../../events/routing';
import { TransactionDeleted, TransactionRecorded, TransactionSnapshot, TransactionUpdated } from '../../events/transaction-changed';
import { publish } from '../adapters/queue';
import { logger } from '../observability';

function image(raw: unknown): Record<string, unknown> | undefined {
  return raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined;
}

function snapshot(item: Record<string, unknown> | undefined) {
  if (!item) return null;
  const parsed = TransactionSnapshot.safeParse({ ...item, tags: item.tags ?? [], splits: item.splits ?? null });
  if (!parsed.success) throw new Error(`Transaction item ${String(item.sk)} does not match TransactionSnapshot: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * The events a stream record stands for: the event stored in an inserted outbox item, or the change of a
 * transaction item (its old and new images). Anything else yields none.
 */
export function eventsOf(record: DynamoDBRecord): Envelope[] {
  const newItem = image(record.dynamodb?.NewImage);
  const oldItem = image(record.dynamodb?.OldImage);
  const keyItem = newItem ?? oldItem;
  if (!keyItem) return [];
  const pk = String(keyItem.pk ?? '');
  const sk = String(keyItem.sk ?? '');
  if (pk.startsWith('OUTBOX#')) {
    if (record.eventName !== 'INSERT' || typeof newItem?.event !== 'string') return [];
    return [Envelope.parse(JSON.parse(newItem.event))];
  }
  if (pk.startsWith('USER#') && sk.startsWith('TX#')) {
    const before = snapshot(oldItem);
    const after = snapshot(newItem);
    const tx = (after ?? before) as TransactionSnapshot;
    const contract = !before ? TransactionRecorded : !after ? TransactionDeleted : TransactionUpdated;
    const id = after ? `${tx.id}@${after.version}` : `${tx.id}@${before?.version ?? 0}-deleted`;
    const at = record.dynamodb?.ApproximateCreationDateTime;
    return [
      {
        id,
        type: contract.type,
        version: contract.version,
        occurredAt: at ? new Date(at * 1000).toISOString() : new Date().toISOString(),
        data: { userId: tx.userId, transactionId: tx.id, before, after },
      },
    ];
  }
  return [];
}

/**
 * The relay from the table's stream to SQS. Events are sent in batches of ten per queue; when a send fails, the
 * earliest record it covered is reported as the batch item failure, so the stream retries from there
 * (at-least-once: consumers deduplicate by event id). Events of a type with no route are logged and dropped.
 */
export function streamRelay() {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const byQueue = new Map<string, { seq: string; event: Envelope }[]>();
      const records = event.Records ?? [];
      for (const record of records) {
        const seq = record.dynamodb?.SequenceNumber ?? '';
        let events: Envelope[];
        try {
          events = eventsOf(record);
        } catch (error) {
          logger.error('Unreadable stream record; it is skipped', { seq, error: error as Error });
          continue;
        }
        for (const e of events) {
          const queues = Object.hasOwn(ROUTES, e.type) ? ROUTES[e.type] : undefined;
          if (!queues?.length) logger.error('No route for event type; it is dropped', { type: e.type, id: e.id });
          for (const q of queues ?? []) byQueue.set(q, [...(byQueue.get(q) ?? []), { seq, event: e }]);
        }
      }
      const failedSeqs: string[] = [];
      await Promise.all(
        [...byQueue.entries()].flatMap(([queue, items]) => {
          const chunks: (typeof items)[] = [];
          for (let i = 0; i < items.length; i += 10) chunks.push(items.slice(i, i + 10));
          return chunks.map(async (chunk) => {
            try {
              await publish(queue, chunk.map((c) => c.event));
            } catch (error) {
              logger.warn('Publish failed; the stream will retry', { queue, error: error as Error });
              const first = chunk[0];
              if (first) failedSeqs.push(first.seq);
            }
          });
        }),
      );
      if (failedSeqs.length === 0) return { batchItemFailures: [] };
      const order = new Map(records.map((r, i) => [r.dynamodb?.SequenceNumber ?? '', i]));
      const earliest = failedSeqs.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0] ?? '';
      return { batchItemFailures: [{ itemIdentifier: earliest }] };
    });
}
