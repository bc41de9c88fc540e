import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { queueUrlVariable } from '../../shared/config';
import { call, eventually, newUser } from '../support/api';
import { finished, newAccount, startImport } from '../support/ledger';

let ddb: DynamoDBClient;
let sqs: SQSClient;
let table = '';

beforeAll(() => {
  const cloud = inject('cloud');
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  ddb = new DynamoDBClient({});
  sqs = new SQSClient({});
  table = cloud.tableName;
});

async function partitionSize(pk: string): Promise<number> {
  const r = await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, Select: 'COUNT' }));
  return r.Count ?? 0;
}

/** Until the analytics and ledger-jobs queues hold nothing, visible or in flight. */
async function drained(): Promise<void> {
  const env = inject('cloud').env;
  await eventually(async () => {
    for (const q of ['analytics', 'ledger-jobs']) {
      const url = env[queueUrlVariable(q)] ?? '';
      const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      if (Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) > 0) return undefined;
    }
    return true;
  }, 30_000, 'queues drained');
}

describe('DELETE /me', () => {
  it('erases every item of the account, and late analytics events do not bring rollups back', { timeout: 90_000 }, async () => {
    const u = await newUser('Erased');
    const accountId = await newAccount(u, 'EUR');
    for (const [i, amount] of [1250, 990, 43_000].entries()) {
      const t = await call('POST', '/transactions', {
        token: u.accessToken,
        body: { type: i === 2 ? 'income' : 'expense', amount, currency: 'EUR', date: '2026-10-0' + String(i + 1), description: `Shop ${i}`, accountId },
      });
      expect(t.status).toBe(201);
    }
    const importId = await startImport(u, { accountId, format: 'csv', content: 'Date,Amount,Description\n2026-10-10,-12.50,Bakery\n2026-10-11,-3.20,Bus\n' });
    await finished(u, importId);
    // The pipeline has counted the month: there is a rollup to lose.
    await eventually(async () => ((await call('GET', '/analytics/summary?month=2026-10', { token: u.accessToken })).body.transactionCount === 5 ? true : undefined));
    expect(await partitionSize(`USER#${u.userId}`)).toBeGreaterThan(5);

    const erased = await call('DELETE', '/me', { token: u.accessToken });
    expect(erased.status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(401);

    // The deletes reach analytics through the stream as TransactionDeleted events, after the partition is gone.
    // A barrier: another user's later write has been counted, so the stream was relayed past the deletes.
    const witness = await newUser('Witness');
    await call('POST', '/transactions', { token: witness.accessToken, body: { type: 'expense', amount: 100, currency: 'EUR', date: '2026-10-01', description: 'After' } });
    await eventually(async () => ((await call('GET', '/analytics/summary?month=2026-10', { token: witness.accessToken })).body.transactionCount === 1 ? true : undefined));
    await drained();
    expect(await partitionSize(`USER#${u.userId}`)).toBe(0);
    expect(await partitionSize(`USER#${u.userId}#IMPORT#${importId}`)).toBe(0);
    const marker = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `ERASED#${u.userId}` }, sk: { S: 'ERASED' } } }));
    expect(Number(marker.Item?.expiresAt?.N ?? 0)).toBeGreaterThan(Date.now() / 1000 + 30 * 86400);
  });

  it('finishes a ledger too large for one pass in the ledger-jobs worker', { timeout: 120_000 }, async () => {
    const { continueErasure } = await import('../../shared/use-cases/account-deletion');
    const { erasePartition } = await import('../../shared/adapters/profiles');
    const userId = `erase-${Date.now()}`;
    const pk = `USER#${userId}`;
    for (let i = 0; i < 1200; i += 25) {
      const items = Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: { pk: { S: pk }, sk: { S: `ITEM#${String(i + k).padStart(6, '0')}` } } } }));
      await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: items } }));
    }
    // A pass that is out of time stops after its first page (500 items) and says so.
    expect(await erasePartition(pk, 0)).toBe(false);
    expect(await partitionSize(pk)).toBe(700);
    // The worker's pass re-queues itself while data is left; here one pass finishes the rest.
    expect(await continueErasure(userId)).toBe(true);
    expect(await partitionSize(pk)).toBe(0);
    expect(await erasePartition(pk, 0)).toBe(true);
  });
});
