import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';
import { finished, newAccount, startImport } from '../support/ledger';

let ddb: DynamoDBClient;
let table = '';

beforeAll(() => {
  const cloud = inject('cloud');
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  ddb = new DynamoDBClient({});
  table = cloud.tableName;
});

async function partitionSize(pk: string): Promise<number> {
  const r = await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, Select: 'COUNT' }));
  return r.Count ?? 0;
}

/** Items of a partition other than rollups, monthly or daily (the erasure's own work, apart from what analytics might write). */
async function itemsBesideRollups(pk: string): Promise<number> {
  const r = await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, ProjectionExpression: 'sk' }));
  return (r.Items ?? []).filter((item) => !item.sk?.S?.startsWith('ROLLUP#') && !item.sk?.S?.startsWith('DAY#')).length;
}

/** How many of these events analytics has counted (their dedup records `APPLIED#<eventId>`). */
async function appliedCount(eventIds: string[]): Promise<number> {
  const r = await ddb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: eventIds.map((id) => ({ pk: { S: `APPLIED#${id}` }, sk: { S: 'APPLIED' } })) } } }));
  return r.Responses?.[table]?.length ?? 0;
}

/** A user's own ledger write, counted by analytics: a marker that the pipeline has moved past what came before. */
async function countedWrite(u: TestUser, n: number): Promise<void> {
  const t = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 100, currency: 'EUR', date: '2026-10-01', description: `After ${n}` } });
  expect(t.status, t.text).toBe(201);
  await eventually(async () => ((await call('GET', '/analytics/summary?month=2026-10', { token: u.accessToken })).body.transactionCount === n ? true : undefined), 30_000, `write ${n} of the witness to be counted`);
}

describe('DELETE /me', () => {
  it('erases every item of the account, and late analytics events do not bring rollups back', { timeout: 150_000 }, async () => {
    const { eventsOf } = await import('../../shared/async/relay');
    const { applyLedgerEvents } = await import('../../shared/use-cases/analytics-apply');
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
    // The pipeline has counted the month: there is a rollup to lose. (Beside another file's 5,000-row import, these
    // events wait behind its backlog on the local queues, so this waits as long as the erasure below.)
    await eventually(async () => ((await call('GET', '/analytics/summary?month=2026-10', { token: u.accessToken })).body.transactionCount === 5 ? true : undefined), 60_000, 'the five transactions to be counted');
    expect(await partitionSize(`USER#${u.userId}`)).toBeGreaterThan(5);
    // The late events the erasure will cause: the relay turns each deleted transaction item into TransactionDeleted.
    const txItems = (await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tx)', ExpressionAttributeValues: { ':pk': { S: `USER#${u.userId}` }, ':tx': { S: 'TX#' } } }))).Items ?? [];
    expect(txItems).toHaveLength(5);
    const late = txItems.flatMap((item, i) => eventsOf({ eventName: 'REMOVE', dynamodb: { OldImage: item, SequenceNumber: String(i), ApproximateCreationDateTime: Date.now() / 1000 } } as unknown as DynamoDBRecord));
    expect(late.map((e) => e.type)).toEqual(Array(5).fill('TransactionDeleted'));
    const lateIds = late.map((e) => e.id);

    const erased = await call('DELETE', '/me', { token: u.accessToken });
    expect(erased.status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(401);

    // The erasure has finished (inline, or in the ledger-jobs worker): every item of the user is gone, the marker stays.
    await eventually(
      async () => ((await itemsBesideRollups(`USER#${u.userId}`)) === 0 && (await partitionSize(`USER#${u.userId}#IMPORT#${importId}`)) === 0 ? true : undefined),
      60_000,
      'the erasure of the user to finish',
    );
    const marker = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `ERASED#${u.userId}` }, sk: { S: 'ERASED' } } }));
    expect(Number(marker.Item?.expiresAt?.N ?? 0)).toBeGreaterThan(Date.now() / 1000 + 30 * 86400);

    // The deletes reach analytics through the stream as TransactionDeleted events, after the partition is gone; they
    // are dropped, which leaves no trace to wait for. A barrier of this test's own instead: a witness's writes made
    // after the erasure, each counted before the next is made. In the local cloud the stream is relayed in order and
    // the analytics queue is read in order, one batch after another: the second write is relayed after every delete
    // reached the queue, and the third is received only once the batch holding the second (and so any delete) has
    // been handled. Nothing here depends on other tests' messages leaving the shared queues. The replay below does
    // not depend on that ordering at all.
    const witness = await newUser('Witness');
    for (const n of [1, 2, 3]) await countedWrite(witness, n);
    expect(await partitionSize(`USER#${u.userId}`)).toBe(0);
    expect(await appliedCount(lateIds)).toBe(0);

    // However late they come (a redelivery, a DLQ redrive), the same events handed to the analytics consumer are
    // dropped without a failure and bring nothing back.
    const records = late.map((e, i) => ({ messageId: `late-${i}`, receiptHandle: `late-${i}`, body: JSON.stringify(e), attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {} }) as unknown as SQSRecord);
    expect((await applyLedgerEvents(records)).batchItemFailures).toEqual([]);
    expect((await applyLedgerEvents(records.slice(0, 1))).batchItemFailures).toEqual([]);
    expect(await partitionSize(`USER#${u.userId}`)).toBe(0);
    expect(await appliedCount(lateIds)).toBe(0);
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
