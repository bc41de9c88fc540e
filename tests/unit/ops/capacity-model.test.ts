import { describe, expect, it } from 'vitest';
import { addCapacity, emptyMeasurements, indexCopyBytes, indexKeysOf, indexPartition, itemSize, partitionClass, priceTransactions, scopeOf, valueSize } from '../../../infra/ops/capacity/collector';
import { describeEvent } from '../../../infra/ops/capacity/invocation-probe';
import { importRowsPerSecond, monthlyCost, totalUsd, unitsPerUserMonth, usersAtPartitionLimit, xrayTraces, ZERO_UNITS, type Prices, type Units } from '../../../infra/ops/capacity/model';

const PRICES: Prices = {
  apiGatewayPerMillion: 1,
  lambdaRequestsPerMillion: 0.2,
  lambdaPerGbSecond: 0.00001,
  dynamoWritePerMillion: 0.625,
  dynamoReadPerMillion: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sqsPerMillion: 0.4,
  sesPerThousand: 0.1,
  cognitoPlusPerMau: 0.02,
  cognitoEssentialsPerMau: 0.015,
  cognitoLitePerMau: 0.0055,
  logsIngestPerGb: 0.5,
  xrayPerMillionTraces: 5,
};

const units = (u: Partial<Units>): Units => ({ ...ZERO_UNITS, ...u });

describe('capacity cost model', () => {
  it('multiplies the units of each action by its times per month and adds them up', () => {
    const perAction = { login: units({ apiRequests: 1, wcu: 8 }), import: units({ apiRequests: 4, wcu: 600, sqsRequests: 300 }) };
    expect(unitsPerUserMonth(perAction, { login: 30, import: 2 })).toEqual(units({ apiRequests: 38, wcu: 1440, sqsRequests: 600 }));
  });

  it('refuses a usage whose action was not measured', () => {
    expect(() => unitsPerUserMonth({}, { login: 1 })).toThrow(/login/);
  });

  it('prices 1,000 users service by service at the given prices', () => {
    const perUser = units({ apiRequests: 100, invocations: 200, gbSeconds: 10, rcu: 1000, wcu: 500, sqsRequests: 300, emails: 5, logBytes: 1000 });
    const lines = monthlyCost(perUser, 1000, PRICES, { storageGbPerUser: 0.001, cognitoPerMau: PRICES.cognitoPlusPerMau });
    const usd = Object.fromEntries(lines.map((l) => [l.service, l.usd]));
    expect(usd['API Gateway (HTTP API)']).toBeCloseTo(0.1, 10);
    expect(usd['Lambda requests']).toBeCloseTo(0.04, 10);
    expect(usd['Lambda compute (arm64)']).toBeCloseTo(0.1, 10);
    expect(usd['DynamoDB writes']).toBeCloseTo(0.3125, 10);
    expect(usd['DynamoDB reads']).toBeCloseTo(0.125, 10);
    expect(usd['DynamoDB storage + PITR']).toBeCloseTo(0.45, 10);
    expect(usd.SQS).toBeCloseTo(0.12, 10);
    expect(usd.SES).toBeCloseTo(0.5, 10);
    // 1 MB of function logs + 200,000 × 260 B of platform lines + 100,000 × 420 B of access log = 0.095 GB.
    expect(usd['CloudWatch Logs ingestion']).toBeCloseTo(0.0475, 10);
    // All 200,000 invocations traced: far below the sampling reservoir of one a second (an HTTP API starts no trace
    // of its own: its request is its function's).
    expect(usd['X-Ray traces']).toBeCloseTo(1, 10);
    expect(usd.Cognito).toBeCloseTo(20, 10);
    expect(totalUsd(lines)).toBeCloseTo(22.795, 10);
  });

  it('traces every invocation up to the reservoir of one a second, then 5 % of the rest', () => {
    expect(xrayTraces(100_000)).toBe(100_000);
    expect(xrayTraces(2_592_000)).toBe(2_592_000);
    expect(xrayTraces(2_592_000 + 1_000_000)).toBeCloseTo(2_592_000 + 50_000, 6);
  });

  it('finds the users at which a shared partition reaches its per-second ceiling', () => {
    // 2,592 units a month is 0.001 a second; ten times that at the peak: 1,000 WCU/s serve 100,000 users, 16 partitions 16 times more.
    expect(usersAtPartitionLimit(2592, 1, 1000, 10)).toBeCloseTo(100_000, 6);
    expect(usersAtPartitionLimit(2592, 16, 1000, 10)).toBeCloseTo(1_600_000, 6);
    expect(usersAtPartitionLimit(0, 1, 1000, 10)).toBe(Infinity);
    expect(importRowsPerSecond(4)).toBe(250);
  });
});

describe('capacity collection', () => {
  it('sizes index copies by projection: the whole item under ALL, keys and included attributes under INCLUDE', () => {
    const item = { pk: 'USER#u', sk: 'TX#t', gsi1pk: 'USER#u#TX', gsi1sk: 'd#t', gsi4pk: 'USER#u#CAT#c', gsi4sk: 'd#t', id: 't', type: 'expense', description: 'A long description of the payment' };
    const kept = { pk: 'USER#u', sk: 'TX#t', gsi4pk: 'USER#u#CAT#c', gsi4sk: 'd#t', id: 't', type: 'expense' };
    expect(indexCopyBytes(item)).toBe(itemSize(item) + itemSize(kept));
    expect(indexCopyBytes({ pk: 'USER#u', sk: 'PROFILE' })).toBe(0);
    // The date index (pk, then date and sk) holds every item with a date: the whole item again.
    const dated = { pk: 'USER#u', sk: 'TX#t', date: '2026-11-01', gsi4pk: 'USER#u#CAT#c', gsi4sk: '2026-11-01', id: 't', type: 'expense' };
    const { date: _, ...inCategoryIndex } = dated;
    expect(indexCopyBytes(dated)).toBe(itemSize(dated) + itemSize(inCategoryIndex));
    expect(indexKeysOf(dated)).toEqual(['gsi4=USER#<sub>#CAT#<id>', 'gsi5=USER#<sub>']);
  });

  it('puts an item in a multi-attribute-key index only when it has every key attribute, and copies keys and included attributes there', () => {
    // A transaction as written now: in gsi5 (pk; date, sk: ALL) and gsi6 (pk, categoryId; date: INCLUDE), no index key of its own.
    const tx = { pk: 'USER#u', sk: 'TX#t', date: '2026-11-01', categoryId: 'food', type: 'expense', amount: -900, baseAmount: -900, baseCurrency: 'EUR', description: 'A long description of the payment' };
    const inGsi6 = { pk: 'USER#u', sk: 'TX#t', date: '2026-11-01', categoryId: 'food', type: 'expense', baseAmount: -900, baseCurrency: 'EUR' };
    expect(indexKeysOf(tx)).toEqual(['gsi5=USER#<sub>', 'gsi6=USER#<sub>#<categoryId>']);
    expect(indexCopyBytes(tx)).toBe(itemSize(tx) + itemSize(inGsi6));
    // A categorised item without a date (a budget) is in neither; uncategorised, only in gsi5.
    expect(indexKeysOf({ pk: 'USER#u', sk: 'BUDGET#b', categoryId: 'food' })).toEqual([]);
    const { categoryId: _, ...uncategorised } = tx;
    expect(indexKeysOf(uncategorised)).toEqual(['gsi5=USER#<sub>']);
    expect(indexCopyBytes(uncategorised)).toBe(itemSize(uncategorised));
    // A write named by its table key only reaches gsi6's partition class by its kind.
    expect(indexPartition('gsi6', { pk: 'USER#u', sk: 'TX#t' })).toBe('gsi6 USER#<sub>#<categoryId>');
  });

  it('sizes a binary attribute by its bytes, plain or marshalled', () => {
    expect(valueSize(new Uint8Array(100))).toBe(100);
    expect(valueSize({ B: new Uint8Array(10) })).toBe(10);
    expect(itemSize({ series: new Uint8Array(500) })).toBe('series'.length + 500);
  });

  it('prices transaction items at 2 WCU per started KB on the table and 1 on each index the item is in', () => {
    const m = emptyMeasurements();
    const scope = scopeOf(m, 'import-worker', 'ImportRequested');
    scope.transactItems['Put|USER#<sub> TX|1500|gsi1=USER#<sub>#TX,gsi2=USER#<sub>#CAT#<id>'] = 3;
    scope.transactItems['Update|USER#<sub> ACCOUNT|0|'] = 1;
    priceTransactions(m, { 'USER#<sub> ACCOUNT': { bytes: 3000, indexes: {} } });
    // 3 Puts of 1.5 KB: 4 WCU each on the table (12), 2 on each of both indexes (12); the 3 KB account: 6.
    expect(scope.wcu).toBe(30);
    expect(scope.indexWcu).toBe(12);
    expect(scope.partitions['table USER#<sub>']?.wcu).toBe(18);
    expect(scope.partitions['gsi1 USER#<sub>#TX']?.wcu).toBe(6);
  });

  it('charges a call to its partitions and counts refused conditional writes', () => {
    const m = emptyMeasurements();
    addCapacity(m, { functionName: 'f', label: 'GET /x', command: 'QueryCommand', input: { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :u', ExpressionAttributeValues: { ':u': 'USERS#0a' } }, consumed: { CapacityUnits: 2.5 } });
    addCapacity(m, { functionName: 'f', label: 'GET /x', command: 'PutItemCommand', input: { Item: { pk: 'DIGEST#2026-11-25', sk: 'u1' } }, consumed: undefined, error: 'ConditionalCheckFailedException' });
    const s = scopeOf(m, 'f', 'GET /x');
    expect(s.rcu).toBe(2.5);
    expect(s.partitions['gsi1 USERS#<shard>']?.rcu).toBe(2.5);
    expect(s.failedWcu).toBe(1);
    expect(partitionClass('USER#abc#IMPORT#x')).toBe('USER#<sub>#IMPORT#<id>');
  });

  it('labels an SQS batch by its event types and counts each', () => {
    const body = (type: string) => JSON.stringify({ type });
    const e = describeEvent({ Records: [{ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:0:reports', body: body('ReportRequested') }, { eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:0:reports', body: body('UsersSweepContinued') }, { eventSource: 'aws:sqs', body: body('ReportRequested') }] });
    expect(e).toEqual({ label: 'ReportRequested+UsersSweepContinued', records: 3, queue: 'reports', types: { ReportRequested: 2, UsersSweepContinued: 1 } });
    expect(describeEvent({ routeKey: 'GET /me' }).label).toBe('GET /me');
  });
});
