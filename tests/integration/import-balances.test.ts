import { DescribeTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newUser, type TestUser } from '../support/api';
import { importAndWait, newAccount, transactionsOf, signed } from '../support/ledger';

/**
 * An import's parallel writers must not contend on the account item: on DynamoDB, concurrent transactions touching
 * one item cancel each other (TransactionConflict). DynamoDB Local serialises transactions instead of cancelling
 * them, so the contention is measured where it shows: the account item's changes in the table stream.
 */
let env: Record<string, string>;
let u: TestUser;

beforeAll(async () => {
  env = inject('cloud').env;
  u = await newUser('Import balances');
});

/** How the tests reach the cloud's DynamoDB Local. */
const local = () => ({
  endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
  region: env.AWS_REGION ?? 'us-east-1',
  credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
});

/** Every change of one item in the table stream so far. */
async function changesOf(pk: string, sk: string): Promise<_Record[]> {
  const ddb = new DynamoDBClient(local());
  const streams = new DynamoDBStreamsClient(local());
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }))).Table?.LatestStreamArn ?? '';
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
  const out: _Record[] = [];
  for (const shard of shards) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (let empty = 0; iterator && empty < 2; ) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      out.push(...(page.Records ?? []).filter((r) => r.dynamodb?.Keys?.pk?.S === pk && r.dynamodb.Keys.sk?.S === sk));
      empty = (page.Records?.length ?? 0) === 0 ? empty + 1 : 0;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}

const letters = (n: number) => Array.from({ length: 8 }, (_, i) => String.fromCharCode(97 + ((n * (i + 7) * 31 + i * 13) % 26))).join('');

describe('import balance deltas', () => {
  it('writes 20 groups touching the account item twice (first group, one fold), with an exact balance', { timeout: 120_000 }, async () => {
    // Prepare: 1,800 distinct rows = 20 groups of 90
    const accountId = await newAccount(u, 'EUR', 100_000, 'Bulk');
    const rows: string[] = [];
    let total = 0;
    for (let i = 0; i < 1800; i++) {
      const cents = (i % 2 ? 1 : -1) * (100 + i);
      total += cents;
      rows.push(`2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(cents / 100).toFixed(2)},shop ${letters(i)} ${i}`);
    }

    // Act
    const report = await importAndWait(u, { accountId, format: 'csv', content: `Date,Amount,Description\n${rows.join('\n')}\n` }, 90_000);

    // Assess: every row written, the balance exact, the account item changed by 2 writes (20 before the fix)
    expect(report.imported).toBe(1800);
    const account = await call('GET', `/accounts/${accountId}`, { token: u.accessToken });
    expect(account.status).toBe(200);
    expect(account.body.balance).toBe(100_000 + total);
    const stored = await transactionsOf(u, accountId);
    expect(stored).toHaveLength(1800);
    expect(stored.reduce((s, t) => s + signed(t), 0)).toBe(total);
    const modifications = (await changesOf(`USER#${u.userId}`, `ACCOUNT#${accountId}`)).filter((r) => r.eventName === 'MODIFY');
    expect(modifications.length).toBeLessThanOrEqual(2);
    // No balance change left unfolded.
    const ddb = new DynamoDBClient(local());
    const pending = await ddb.send(
      new QueryCommand({
        TableName: env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
        ExpressionAttributeValues: { ':pk': { S: `USER#${u.userId}#IMPORT#${report.importId}` }, ':d': { S: 'DELTA#' } },
      }),
    );
    expect(pending.Items ?? []).toEqual([]);
  });
});
