import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../infra/local/log';
import { inlineFunction } from '../../infra/local/lambda';
import { startQueuePoller } from '../../infra/local/pollers';
import { eventually, newUser } from '../support/api';

/**
 * The import worker on a queue shaped like the manifest's `imports` (a 30-minute visibility timeout, as a delivery may
 * run 5 minutes): a delivery that fails comes back after the queue's first retry delay (30 s), not after the timeout,
 * so an import caught by a passing outage finishes within a minute of it.
 */
const cloud = inject('cloud');
const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: cloud.env.AWS_ENDPOINT_URL_SQS });
const urls: string[] = [];
let queueUrl = '';

beforeAll(async () => {
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `imports-retry-${randomUUID().slice(0, 8)}`, Attributes: { VisibilityTimeout: '1800' } }))).QueueUrl ?? '';
  urls.push(queueUrl);
  // The worker's own queue is this one: its retry delay is set on the message it received here.
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL', QUEUE_URL_IMPORTS: queueUrl });
  (await import('../../shared/config')).resetConfig();
});
afterAll(async () => {
  for (const QueueUrl of urls) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
});

describe('the import worker', () => {
  it('has a failed delivery back after the queue’s retry delay, not its 30-minute visibility timeout', { timeout: 120_000 }, async () => {
    const { handler } = await import('../../functions/queue/imports');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { newEvent } = await import('../../shared/adapters/outbox');
    const { sqsMessageBody } = await import('../../shared/adapters/sqs-body');
    const { ImportRequested } = await import('../../events/import-requested');
    const u = await newUser();
    const importId = randomUUID();
    const at = new Date().toISOString();
    // A job whose account id is too long for the key of its account's write lease: DynamoDB refuses the lease, so
    // every delivery fails (as it would while the table is unreachable).
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.importJob(u.userId, importId), importId, accountId: 'a'.repeat(1100), format: 'csv', status: 'queued', dryRun: false, total: 1, createdAt: at, updatedAt: at } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsMessageBody(newEvent(ImportRequested, { userId: u.userId, importId }, new Date())) }));

    const deliveries: { at: number; failed: number }[] = [];
    const poller = startQueuePoller({
      client: sqs,
      queueUrl,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:imports',
      batchSize: 1,
      waitTimeSeconds: 1,
      log: createLog('silent'),
      fn: inlineFunction('import-worker', handler as never, 300),
      onBatch: (b) => void deliveries.push({ at: Date.now(), failed: b.failed }),
    });
    try {
      await eventually(async () => (deliveries.length >= 2 ? true : undefined), 75_000, 'the failed delivery, delivered again');
      const [first, second] = deliveries as [{ at: number; failed: number }, { at: number; failed: number }];
      expect(first.failed).toBe(1);
      const waited = (second.at - first.at) / 1000;
      expect(waited).toBeGreaterThan(25);
      expect(waited).toBeLessThan(70);
    } finally {
      await poller.stop();
    }
  });
});
