import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import type { Envelope } from '../../events/envelope';
import { lambdaStreamRecord } from '../../infra/local/stream-event';
import { readStream } from './stream';

/**
 * At-least-once delivery with crashes, for the chaos tests: a user's ledger events read from the table stream with
 * the relay's own code, published to a queue of the test's own 1–3 times each, shuffled, with publisher crashes, and
 * consumed by the code under test with crashes between its writes and the message delete. Every random choice comes
 * from the test's seeded `rand`, so a failing run can be replayed.
 */

/** A seeded random number in [0, 1). */
export type Rand = () => number;

/** A seeded linear congruential generator (glibc's constants), so a failing run can be replayed with its seed. */
export function seededRand(seed: number): Rand {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * The user's ledger events (`Transaction*`), as the relay makes them from the stream of the test cloud's table. Only
 * this user's records: the shared table's stream also holds other test files' items, some deliberately hostile.
 */
export async function userLedgerEvents(env: Record<string, string>, userId: string): Promise<Envelope[]> {
  // Imported here: shared/ reads its configuration when loaded, after the test has set the cloud's environment.
  const { eventsOf } = await import('../../shared/async/relay');
  const { arn, records } = await readStream(env);
  return records
    .filter((r) => (r.dynamodb?.Keys?.pk?.S ?? '').startsWith(`USER#${userId}`))
    .flatMap((r) => eventsOf(lambdaStreamRecord(r, arn, 'us-east-1')))
    .filter((e) => e.type.startsWith('Transaction') && (e.data as { userId?: string }).userId === userId);
}

/** A queue of the test's own on the cloud's SQS, with a 1 s visibility timeout (a crashed batch comes back soon). */
export interface ChaosQueue {
  sqs: SQSClient;
  queueUrl: string;
}

export async function chaosQueue(namePrefix: string): Promise<ChaosQueue> {
  const sqs = new SQSClient({});
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${namePrefix}-${Date.now()}`, Attributes: { VisibilityTimeout: '1' } }))).QueueUrl ?? '';
  return { sqs, queueUrl };
}

/**
 * Publisher: batches of 50; each event 1–3 times, shuffled; in 30 % of batches a crash mid-batch, after which the
 * batch is published again from its start. Answers how many crashes there were.
 */
export async function publishWithCrashes(queue: ChaosQueue, events: readonly Envelope[], rand: Rand): Promise<number> {
  const { sqs, queueUrl } = queue;
  const send = (e: Envelope) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(e) }));
  let publisherCrashes = 0;
  for (let i = 0; i < events.length; i += 50) {
    const batch = events.slice(i, i + 50).flatMap((e) => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => e));
    batch.sort(() => rand() - 0.5);
    if (rand() < 0.3) {
      publisherCrashes++;
      const cut = Math.floor(rand() * batch.length);
      await Promise.all(batch.slice(0, cut).map(send));
    }
    await Promise.all(batch.map(send));
  }
  return publisherCrashes;
}

/**
 * Consumers (4 in parallel, for at most 5 minutes) run `handle` on batches of up to 10 messages; 25 % of batches
 * crash after `handle` and before the delete, so their messages come back after the visibility timeout. Otherwise the
 * batch's messages are deleted except its reported failures. Stops once the queue has been empty four times in a row.
 */
export async function consumeWithCrashes(queue: ChaosQueue, handle: (records: SQSRecord[]) => Promise<SQSBatchResponse>, rand: Rand): Promise<{ deliveries: number; consumerCrashes: number }> {
  const { sqs, queueUrl } = queue;
  let consumerCrashes = 0;
  let deliveries = 0;
  const deadline = Date.now() + 300_000;
  const consumer = async () => {
    for (let idle = 0; idle < 4 && Date.now() < deadline; ) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
      const messages = got.Messages ?? [];
      if (messages.length === 0) {
        const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        idle = Number(attrs.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) === 0 ? idle + 1 : 0;
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      deliveries += messages.length;
      const sqsRecords = messages.map((m) => ({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1' } }) as unknown as SQSRecord);
      const result = await handle(sqsRecords);
      if (rand() < 0.25) {
        consumerCrashes++;
        continue;
      }
      const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
      const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
      if (done.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle })) }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, consumer));
  return { deliveries, consumerCrashes };
}
