import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../infra/local/log';
import { inlineFunction } from '../../infra/local/lambda';
import { streamFailureDestination, STREAM_FAILURE_QUEUE } from '../../infra/local/sqs';
import { CheckpointStore, startStreamPoller, streamsClient, type StreamFailureDescription } from '../../infra/local/stream-poller';
import { eventually } from '../support/api';

/**
 * The outbox relay on a table of its own, read by the local stream poller as the CDK mapping is configured: a record
 * the relay cannot read and an event without a route fail (they were skipped and dropped before), and once their
 * retries are spent a description of them reaches the on-failure queue, as Lambda sends it.
 */
const cloud = inject('cloud');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const ddb = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB });
const sqs = new SQSClient({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_SQS });
const tables: string[] = [];

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});
afterAll(async () => {
  for (const TableName of tables) await ddb.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
});

async function streamTable(): Promise<{ tableName: string; streamArn: string }> {
  const tableName = `relay-failure-${randomUUID().slice(0, 8)}`;
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
  return { tableName, streamArn: created.TableDescription?.LatestStreamArn ?? '' };
}

describe('the outbox relay under the local stream poller', () => {
  it('sends an unreadable record and an unrouted event to the on-failure queue instead of skipping them', async () => {
    // Prepare
    const { handler } = await import('../../functions/stream/outbox-relay');
    const { tableName, streamArn } = await streamTable();
    const put = (id: string, event: string) =>
      ddb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `OUTBOX#${id}` }, sk: { S: 'EVENT' }, event: { S: event } } }));
    const answers: unknown[] = [];
    const send = await streamFailureDestination(sqs);
    const sent: StreamFailureDescription[] = [];
    const poller = startStreamPoller({
      client: streamsClient(cloud.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''),
      streamArn,
      batchSize: 100,
      filters: [{ attribute: 'pk', prefix: 'OUTBOX#' }],
      checkpoints: await CheckpointStore.open(undefined, streamArn),
      log: createLog('silent'),
      pollMs: 50,
      maxRetryAttempts: 1,
      onFailure: async (d) => {
        sent.push(d);
        await send(d);
      },
      fn: inlineFunction('outbox-relay', async (event, context) => {
        const answer = await handler(event as never, context);
        answers.push(answer);
        return answer;
      }),
    });
    try {
      // Act: an event of a type no route names, then a record the relay cannot read.
      await put('unrouted', JSON.stringify({ id: 'unrouted', type: 'NobodyListens', version: 1, occurredAt: new Date().toISOString(), data: {} }));
      await eventually(async () => (sent.length >= 1 ? sent : undefined), 30_000, 'the unrouted event given up');
      await put('bad', '{not json');
      await eventually(async () => (sent.length >= 2 ? sent : undefined), 30_000, 'the unreadable record given up');
      // Assess: the relay failed each (never an empty answer) and the poller sent one description of each.
      expect(answers.length).toBeGreaterThanOrEqual(4);
      for (const a of answers) expect(a).toEqual({ batchItemFailures: [{ itemIdentifier: expect.any(String) }] });
      expect(sent.map((d) => d.DDBStreamBatchInfo.batchSize)).toEqual([1, 1]);
      for (const d of sent) {
        expect(d.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', functionArn: expect.stringMatching(/:function:outbox-relay$/) });
        expect(d.DDBStreamBatchInfo).toMatchObject({ streamArn, startSequenceNumber: d.DDBStreamBatchInfo.endSequenceNumber });
      }
      const queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: STREAM_FAILURE_QUEUE }))).QueueUrl ?? '';
      const queued: StreamFailureDescription[] = [];
      await eventually(
        async () => {
          const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
          for (const m of got.Messages ?? []) {
            const d = JSON.parse(m.Body ?? '{}') as StreamFailureDescription;
            if (d.DDBStreamBatchInfo?.streamArn !== streamArn) continue;
            queued.push(d);
            await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
          }
          return queued.length >= 2 ? queued : undefined;
        },
        15_000,
        'both descriptions in the on-failure queue',
      );
      expect(queued.map((d) => d.DDBStreamBatchInfo.startSequenceNumber).sort()).toEqual(sent.map((d) => d.DDBStreamBatchInfo.startSequenceNumber).sort());
    } finally {
      await poller.stop();
    }
  });
});
