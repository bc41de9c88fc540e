import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { sleep, withSignal } from './abortable';
import { LOCAL_REGION } from './aws';
import { invoke, type LambdaFunction } from './lambda';
import type { Log } from './log';
import { batchOutcome, sqsEvent } from './sqs-event';

export interface QueuePollerOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  fn: LambdaFunction;
  /** Largest batch (SQS gives at most 10 per receive). */
  batchSize: number;
  /** Longest wait to fill a batch before invoking. */
  maxBatchingWindowSeconds?: number;
  /** Long-poll wait per receive. */
  waitTimeSeconds?: number;
  log: Log;
  /** Called after every invocation (tests, the console). */
  onBatch?: (info: { size: number; deleted: number; failed: number }) => void;
}

export interface Poller {
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 2000;

/** Receives up to `count` messages with every attribute, as Lambda's poller asks for them. */
async function receive(o: QueuePollerOptions, signal: AbortSignal, count: number, waitSeconds: number): Promise<Message[]> {
  const r = await withSignal(signal, (abortSignal) =>
    o.client.send(
      new ReceiveMessageCommand({
        QueueUrl: o.queueUrl,
        MaxNumberOfMessages: count,
        WaitTimeSeconds: waitSeconds,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal },
    ),
  );
  return r.Messages ?? [];
}

/** A batch: the first receive, then more until it is full or the batching window ends. */
async function receiveBatch(o: QueuePollerOptions, signal: AbortSignal, max: number, wait: number): Promise<Message[]> {
  const batch = await receive(o, signal, max, wait);
  if (batch.length === 0) return batch;
  const windowEnd = Date.now() + (o.maxBatchingWindowSeconds ?? 0) * 1000;
  while (batch.length < max && Date.now() < windowEnd && !signal.aborted) {
    batch.push(...(await receive(o, signal, max - batch.length, Math.min(wait, Math.ceil((windowEnd - Date.now()) / 1000)))));
  }
  return batch;
}

/** Invokes the function with a batch; answers the messages it handled (honouring `batchItemFailures`). */
async function handleBatch(o: QueuePollerOptions, batch: Message[]): Promise<Message[]> {
  const outcome = await invoke(o.fn, sqsEvent(batch, o.queueArn, LOCAL_REGION));
  if (!outcome.ok) {
    o.log.error(`${o.fn.name} failed on a batch of ${batch.length}; the messages will be retried`, outcome.error);
    return [];
  }
  const b = batchOutcome(
    outcome.result,
    batch.map((m) => m.MessageId ?? ''),
  );
  if (b.kind === 'all-failed') o.log.error(`${o.fn.name} answered an invalid batch response (${b.reason}); the whole batch will be retried`);
  if (b.kind === 'partial') o.log.warn(`${o.fn.name}: ${b.failed.size} of ${batch.length} messages failed and will be retried`);
  return b.kind === 'all-succeeded' ? batch : b.kind === 'partial' ? batch.filter((m) => !b.failed.has(m.MessageId ?? '')) : [];
}

/**
 * Lambda's SQS event source for one function: receive up to `batchSize` messages (long polling, every attribute),
 * invoke with an SQSEvent, delete what succeeded (honouring `batchItemFailures`), and leave failures to reappear
 * after the visibility timeout, so the queue's redrive policy moves poison messages to the DLQ.
 */
export function startQueuePoller(o: QueuePollerOptions): Poller {
  const controller = new AbortController();
  const { signal } = controller;
  const max = Math.min(Math.max(1, o.batchSize), 10);
  const wait = o.waitTimeSeconds ?? 1;

  const loop = async () => {
    while (!signal.aborted) {
      try {
        const batch = await receiveBatch(o, signal, max, wait);
        if (batch.length === 0) continue;
        const succeeded = await handleBatch(o, batch);
        if (succeeded.length > 0) {
          // Deletion finishes even when stopping: the work is done, a redelivery would repeat it.
          await o.client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: o.queueUrl,
              Entries: succeeded.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
            }),
          );
        }
        o.onBatch?.({ size: batch.length, deleted: succeeded.length, failed: batch.length - succeeded.length });
        o.log.debug(`${o.fn.name}: batch of ${batch.length}, ${succeeded.length} deleted`);
      } catch (e) {
        if (signal.aborted) break;
        o.log.error(`polling ${o.queueUrl} for ${o.fn.name} failed`, e);
        await sleep(1000, signal);
      }
    }
  };
  const running = loop();
  return {
    stop: async () => {
      controller.abort();
      // A batch being handled may finish within a short grace; a long one is abandoned like a stopped Lambda.
      await Promise.race([running, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
    },
  };
}
