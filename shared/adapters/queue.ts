import { ChangeMessageVisibilityCommand, SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { Envelope } from '../../events/envelope';
import { queueUrl } from '../config';
import { sqsMessageBody } from './sqs-body';
import { traced } from '../tracing';

let client: SQSClient | undefined;
function sqs(): SQSClient {
  if (!client) {
    const base = new SQSClient({ maxAttempts: 4 });
    // As for the DynamoDB client (dynamo.ts): the SDK's logger middleware costs CPU for a no-op logger.
    base.middlewareStack.remove('loggerMiddleware');
    client = traced(base);
  }
  return client;
}

/**
 * Sends events to a manifest queue (delivered after `delaySeconds` when given), in batches of 10, retrying entries SQS reports as failed.
 * Throws if any entry still fails, so the caller's own retry (stream or queue redelivery) takes over.
 */
export async function publish(queue: string, events: Envelope[], options: { delaySeconds?: number } = {}): Promise<void> {
  const url = queueUrl(queue);
  for (let i = 0; i < events.length; i += 10) {
    let entries = events.slice(i, i + 10).map((e, n) => ({
      Id: String(n),
      MessageBody: sqsMessageBody(e),
      MessageAttributes: { type: { DataType: 'String', StringValue: e.type } },
      ...(options.delaySeconds ? { DelaySeconds: options.delaySeconds } : {}),
    }));
    for (let attempt = 0; entries.length > 0; attempt++) {
      const out = await sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      const failed = new Set((out.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((e) => failed.has(e.Id));
      if (entries.length > 0) {
        if (attempt >= 3) throw new Error(`SQS refused ${entries.length} message(s) for ${queue}: ${out.Failed?.[0]?.Message ?? ''}`);
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}

/**
 * Makes a message this consumer received, and failed, visible again after `seconds` instead of the rest of its queue's
 * visibility timeout (ChangeMessageVisibility, which the queue's event source grants its consumer).
 */
export async function retryAfter(queue: string, receiptHandle: string, seconds: number): Promise<void> {
  await sqs().send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queue), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
}
