import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../infra/local/log';
import { inlineFunction } from '../../infra/local/lambda';
import { startQueuePoller } from '../../infra/local/pollers';
import { CheckpointStore, startStreamPoller, streamsClient } from '../../infra/local/stream-poller';

const cloud = inject('cloud');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const log = createLog('silent');

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the queue poller against the real SQS emulator', () => {
  const sqs = new SQSClient({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_SQS });
  const name = `poller-test-${randomUUID().slice(0, 8)}`;
  const urls: string[] = [];

  afterAll(async () => {
    for (const QueueUrl of urls) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('deletes the messages that succeed and lets a poison one reach the DLQ after maxReceiveCount', async () => {
    // Prepare: a queue like the manifest's, with a short visibility timeout so redelivery is quick.
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
    const dlqUrl = dlq.QueueUrl ?? '';
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
      }),
    );
    const queueUrl = queue.QueueUrl ?? '';
    urls.push(queueUrl, dlqUrl);
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: ['ok-1', 'poison', 'ok-2'].map((body, i) => ({
          Id: String(i),
          MessageBody: body,
          MessageAttributes: { kind: { DataType: 'String', StringValue: body } },
        })),
      }),
    );
    const seen: { body: string; receiveCount: string; arn: string; attr: string | undefined }[] = [];
    const poller = startQueuePoller({
      client: sqs,
      queueUrl,
      queueArn,
      batchSize: 10,
      waitTimeSeconds: 1,
      log,
      fn: inlineFunction('poison-test', async (event) => {
        const records = (event as SQSEvent).Records;
        for (const r of records) seen.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount, arn: r.eventSourceARN, attr: r.messageAttributes.kind?.stringValue });
        return { batchItemFailures: records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
      }),
    });
    try {
      // Act
      const depth = async () => {
        const a = async (url: string) =>
          (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
        const [q, d] = await Promise.all([a(queueUrl), a(dlqUrl)]);
        return { queue: Number(q.ApproximateNumberOfMessages) + Number(q.ApproximateNumberOfMessagesNotVisible), dlq: Number(d.ApproximateNumberOfMessages) };
      };
      const final = await until(depth, (d) => d.dlq === 1 && d.queue === 0, 20_000);
      // Assess
      expect(final).toEqual({ queue: 0, dlq: 1 });
      expect(seen.filter((s) => s.body === 'ok-1')).toHaveLength(1);
      expect(seen.filter((s) => s.body === 'ok-2')).toHaveLength(1);
      expect(seen.filter((s) => s.body === 'poison').map((s) => s.receiveCount)).toEqual(['1', '2']);
      expect(seen.every((s) => s.arn === queueArn && s.attr === s.body)).toBe(true);
      const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
      expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
    } finally {
      await poller.stop();
    }
  });

  it('stops promptly while long-polling', async () => {
    const q = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-idle` }));
    urls.push(q.QueueUrl ?? '');
    const poller = startQueuePoller({ client: sqs, queueUrl: q.QueueUrl ?? '', queueArn: 'arn', batchSize: 1, waitTimeSeconds: 20, log, fn: inlineFunction('idle', () => undefined) });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the stream poller against DynamoDB Local', () => {
  const ddb = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB });
  const tables: string[] = [];

  afterAll(async () => {
    for (const TableName of tables) await ddb.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
  });

  /** A table of its own, so the cloud's outbox relay does not read these records. */
  async function streamTable(): Promise<{ streamArn: string; put: (pk: string) => Promise<unknown> }> {
    const tableName = `stream-test-${randomUUID().slice(0, 8)}`;
    tables.push(tableName);
    const created = await ddb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const streamArn = created.TableDescription?.LatestStreamArn ?? '';
    const put = (pk: string) => ddb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'EVENT' }, n: { N: '1' } } }));
    return { streamArn, put };
  }

  it('delivers matching records in order, retrying from the first failed one', async () => {
    // Prepare
    const { streamArn, put } = await streamTable();
    await put('OUTBOX#1');
    await put('USER#1');
    await put('OUTBOX#2');
    await put('OUTBOX#3');
    const batches: string[][] = [];
    let failedOnce = false;
    const poller = startStreamPoller({
      client: streamsClient(cloud.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''),
      streamArn,
      batchSize: 100,
      filters: [{ attribute: 'pk', prefix: 'OUTBOX#' }],
      checkpoints: await CheckpointStore.open(undefined, streamArn),
      log,
      pollMs: 50,
      fn: inlineFunction('stream-test', async (event) => {
        const records = (event as DynamoDBStreamEvent).Records;
        batches.push(records.map((r) => r.dynamodb?.NewImage?.pk?.S ?? ''));
        const second = records.find((r) => r.dynamodb?.NewImage?.pk?.S === 'OUTBOX#2');
        if (second && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
        }
        for (const r of records) {
          expect(r).toMatchObject({ eventSource: 'aws:dynamodb', eventName: 'INSERT', awsRegion: 'us-east-1', dynamodb: { StreamViewType: 'NEW_AND_OLD_IMAGES', NewImage: { n: { N: '1' } } } });
        }
        return { batchItemFailures: [] };
      }),
    });
    try {
      // Act
      const started = Date.now();
      await until(async () => batches, (b) => b.flat().includes('OUTBOX#3') && b.length >= 2, 10_000);
      const lag = Date.now() - started;
      await put('OUTBOX#4');
      await until(async () => batches, (b) => b.flat().includes('OUTBOX#4'), 5_000);
      // Assess: USER# never arrives, OUTBOX#1 is not redelivered, OUTBOX#2 is retried with what follows.
      expect(batches[0]).toEqual(['OUTBOX#1', 'OUTBOX#2', 'OUTBOX#3']);
      expect(batches[1]).toEqual(['OUTBOX#2', 'OUTBOX#3']);
      expect(batches.slice(2)).toEqual([['OUTBOX#4']]);
      expect(lag).toBeLessThan(5_000);
    } finally {
      await poller.stop();
    }
  });

  it('halves the batch when the function fails and skips a record that keeps failing', async () => {
    // Prepare
    const { streamArn, put } = await streamTable();
    for (const pk of ['OUTBOX#1', 'OUTBOX#bad', 'OUTBOX#3']) await put(pk);
    const batches: string[][] = [];
    const poller = startStreamPoller({
      client: streamsClient(cloud.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''),
      streamArn,
      batchSize: 100,
      filters: [{ attribute: 'pk', prefix: 'OUTBOX#' }],
      checkpoints: await CheckpointStore.open(undefined, streamArn),
      log,
      pollMs: 50,
      maxRetryAttempts: 2,
      fn: inlineFunction('bisect-test', async (event) => {
        const pks = (event as DynamoDBStreamEvent).Records.map((r) => r.dynamodb?.NewImage?.pk?.S ?? '');
        batches.push(pks);
        if (pks.includes('OUTBOX#bad')) throw new Error('cannot handle it');
      }),
    });
    try {
      // Act
      await until(async () => batches, (b) => b.some((x) => x.includes('OUTBOX#3') && !x.includes('OUTBOX#bad')), 15_000);
      // Assess
      expect(batches).toEqual([
        ['OUTBOX#1', 'OUTBOX#bad', 'OUTBOX#3'],
        ['OUTBOX#1', 'OUTBOX#bad'],
        ['OUTBOX#1'],
        ['OUTBOX#bad', 'OUTBOX#3'],
        ['OUTBOX#bad'],
        ['OUTBOX#bad'],
        ['OUTBOX#3'],
      ]);
    } finally {
      await poller.stop();
    }
  });
});
