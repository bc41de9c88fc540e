import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../infra/local/log';
import { inlineFunction } from '../../infra/local/lambda';
import { startQueuePoller } from '../../infra/local/pollers';
import { eventually, newUser } from '../support/api';

/**
 * The analytics consumer on a queue shaped like the manifest's (a DLQ after maxReceiveCount), with a short visibility
 * timeout so the test need not wait minutes: a poison message ends in the DLQ after its last delivery, and the
 * valid events of its batch are counted, once.
 */
const cloud = inject('cloud');
const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: cloud.env.AWS_ENDPOINT_URL_SQS });
const urls: string[] = [];

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});
afterAll(async () => {
  for (const QueueUrl of urls) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
});

function event(userId: string, id: string, amount: number) {
  const after = {
    id,
    userId,
    type: 'expense',
    amount,
    currency: 'EUR',
    date: '2023-07-14',
    description: 'Poison test',
    categoryId: 'food.groceries',
    accountId: null,
    toAccountId: null,
    splits: null,
    tags: [],
    baseAmount: amount,
    baseCurrency: 'EUR',
    fxStatus: 'converted',
    version: 1,
  };
  return { id: `${id}@1`, type: 'TransactionRecorded', version: 1, occurredAt: new Date().toISOString(), data: { userId, transactionId: id, before: null, after } };
}

describe('the analytics consumer', () => {
  it('sends a poison message to the DLQ and counts the rest of its batch once', async () => {
    const { handler } = await import('../../functions/queue/analytics');
    const { getRollups } = await import('../../shared/adapters/rollups');
    const u = await newUser();
    const name = `analytics-poison-${randomUUID().slice(0, 8)}`;
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl ?? '';
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) } }))).QueueUrl ?? '';
    urls.push(queueUrl, dlqUrl);
    const poison = { id: 'bad-1', type: 'TransactionRecorded', version: 1, occurredAt: 'now', data: { userId: u.userId, before: null, after: { amount: 'lots' } } };
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [event(u.userId, 'tx-a', 1000), poison, event(u.userId, 'tx-b', 250), event(u.userId, 'tx-a', 1000)].map((e, i) => ({ Id: String(i), MessageBody: JSON.stringify(e) })),
      }),
    );
    const poller = startQueuePoller({
      client: sqs,
      queueUrl,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:analytics',
      batchSize: 10,
      waitTimeSeconds: 1,
      log: createLog('silent'),
      fn: inlineFunction('analytics', handler as never, 30),
    });
    try {
      const dead = await eventually(async () => {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
        return got.Messages?.length ? got.Messages : undefined;
      }, 30_000, 'the poison message in the DLQ');
      expect(dead.map((m) => JSON.parse(m.Body ?? '{}').id)).toEqual(['bad-1']);
      const rollup = (await getRollups(u.userId, 'EUR', ['2023-07'])).get('2023-07');
      // tx-a delivered twice, counted once; tx-b once.
      expect(rollup?.fields).toMatchObject({ exp: 1250, n: 2, 'ce:food.groceries': 1250 });
    } finally {
      await poller.stop();
    }
  });
});
