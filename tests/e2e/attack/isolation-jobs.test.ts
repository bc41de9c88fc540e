import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, call, eventually, newUser, outbox, type TestUser } from '../../support/api';
import { runReportSchedule, thisMondayAt } from '../../support/report-schedule';
import * as keys from '../../../shared/adapters/keys';

/**
 * Attack: one tenant stalls everyone's background work. The nightly reconcile, the FX conversion of pending
 * transactions and the weekly report loop used to go over all users in one invocation, so one user's malformed data
 * aborted the run for every user after them. The poison here is stored directly in DynamoDB (as a bug, a migration
 * or a hand edit could leave it) under user ids that sort before every real one: a transaction of an unknown type
 * with a non-numeric amount, pending an exchange rate, and a profile without a user id. Each job now gives every
 * user their own message, so the poisoned user's message fails alone (and reaches the DLQ after its retries) while
 * the bystander's drift is fixed, their pending transaction converted, and their weekly report sent.
 */
const cloud = inject('cloud');
beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

const tag = randomUUID().slice(0, 8);
/** Sorts before any Cognito sub (UUIDs), in the users index and in the pending-FX index of a date. */
const POISONED = `00000000-1-poison-${tag}`;
/** A profile item with no user id at all. */
const BROKEN_PROFILE = `00000000-0-poison-${tag}`;
/** A date no ECB rate covers (the history starts in 1999): a USD transaction on it waits for a rate. */
const PENDING_DATE = '1998-06-15';

let bystander: TestUser;
const written: { pk: string; sk: string }[] = [];

async function put(item: Record<string, unknown>): Promise<void> {
  const { db, tableName } = await import('../../../shared/adapters/dynamo');
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
  written.push({ pk: String(item.pk), sk: String(item.sk) });
}

async function runSchedule(name: string): Promise<void> {
  const res = await fetch(`${cloud.consoleUrl}/api/schedules/${name}/run`, { method: 'POST' });
  expect(res.status).toBeLessThan(500);
}

beforeAll(async () => {
  bystander = await newUser('Bystander');
  const at = new Date().toISOString();
  // Profiles sorting first in their users-index shard: one whose ledger is malformed, one without a user id.
  await put({ pk: `USER#${POISONED}`, sk: 'PROFILE', ...keys.usersShard(POISONED), ...keys.usersByZone('UTC', POISONED), userId: POISONED, email: `poison-${tag}@example.com`, username: POISONED, name: 'Poison', baseCurrency: 'EUR', createdAt: at, updatedAt: at, version: 1 });
  await put({ pk: `USER#${BROKEN_PROFILE}`, sk: 'PROFILE', ...keys.usersShard(BROKEN_PROFILE), ...keys.usersByZone('UTC', BROKEN_PROFILE), email: `broken-${tag}@example.com`, createdAt: at, updatedAt: at, version: 1 });
  // The poisoned user's one transaction: no valid type or amount, pending a USD rate on PENDING_DATE.
  const id = `poison-${tag}`;
  await put({
    pk: `USER#${POISONED}`,
    sk: `TX#${id}`,
    gsi1pk: `USER#${POISONED}#TX`,
    gsi1sk: `${PENDING_DATE}#${id}`,
    gsi3pk: 'FXPENDING',
    gsi3sk: `${PENDING_DATE}#${POISONED}#${id}`,
    id,
    userId: POISONED,
    type: 'bogus',
    amount: 'lots',
    currency: 'USD',
    date: PENDING_DATE,
    description: 'Malformed',
    baseAmount: null,
    baseCurrency: 'EUR',
    fxStatus: 'pending',
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
});

afterAll(async () => {
  // The poison goes, so the poisoned user's messages succeed on their next delivery instead of filling the DLQ.
  const { db, tableName } = await import('../../../shared/adapters/dynamo');
  const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
  for (const key of written) await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
});

describe('attack: one user poisons the jobs that run over every user', () => {
  it('the nightly reconcile still fixes the other users’ drift', { timeout: 90_000 }, async () => {
    // Prepare: a bystander's rollup drifts (a lost delta, say) and has been quiet for an hour.
    const tx = await call('POST', '/transactions', { token: bystander.accessToken, body: { type: 'expense', amount: 1234, currency: 'EUR', date: '2024-06-03', description: 'Groceries' } });
    expect(tx.status, tx.text).toBe(201);
    const summary = async () => (await call('GET', '/analytics/summary?month=2024-06', { token: bystander.accessToken })).body as { expenses: number };
    await eventually(async () => ((await summary()).expenses === 1234 ? true : undefined), 20_000, 'the rollup');
    const { db, tableName } = await import('../../../shared/adapters/dynamo');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `USER#${bystander.userId}`, sk: 'ROLLUP#EUR#2024-06' },
        UpdateExpression: 'SET #e = :e, #u = :u',
        ExpressionAttributeNames: { '#e': 'exp', '#u': 'updatedAt' },
        ExpressionAttributeValues: { ':e': 999_999, ':u': new Date(Date.now() - 3_600_000).toISOString() },
      }),
    );
    expect((await summary()).expenses).not.toBe(1234);

    // Act
    await runSchedule('reconcile-analytics');

    // Assess: the bystander's rollup is recounted although a user before them cannot be.
    await eventually(async () => ((await summary()).expenses === 1234 ? true : undefined), 60_000, 'the bystander’s rollup to be fixed');
  });

  it('publishing rates converts the other users’ pending transactions', { timeout: 90_000 }, async () => {
    // Prepare: the bystander's USD expense waits for a rate.
    const tx = await call('POST', '/transactions', { token: bystander.accessToken, body: { type: 'expense', amount: 5000, currency: 'USD', date: PENDING_DATE, description: 'Old receipt' } });
    expect(tx.status, tx.text).toBe(201);
    expect(tx.body).toMatchObject({ fxStatus: 'pending', baseAmount: null });

    // Act: the USD rate of that date is published.
    const { accessToken } = await admin();
    const rates = await call('PUT', '/fx/rates', { token: accessToken, body: { date: PENDING_DATE, base: 'EUR', rates: { USD: '1.25' } } });
    expect(rates.status, rates.text).toBeLessThan(300);

    // Assess: 50.00 USD at 1.25 USD per EUR is 40.00 EUR, although a pending transaction before it cannot convert.
    const converted = await eventually(
      async () => {
        const t = await call('GET', `/transactions/${tx.body.id}`, { token: bystander.accessToken });
        return t.body.fxStatus === 'converted' ? t.body : undefined;
      },
      60_000,
      'the bystander’s transaction to convert',
    );
    expect(converted).toMatchObject({ baseAmount: 4000, baseCurrency: 'EUR' });
  });

  it('the FX fan-out looks only at pending transactions in the currencies that arrived', { timeout: 60_000 }, async () => {
    // Prepare: pending transactions in two currencies on a date no other test uses.
    const date = '1998-07-20';
    for (const currency of ['USD', 'JPY']) {
      const tx = await call('POST', '/transactions', { token: bystander.accessToken, body: { type: 'expense', amount: 700, currency, date, description: `Pending ${currency}` } });
      expect(tx.status, tx.text).toBe(201);
      expect(tx.body.fxStatus).toBe('pending');
    }
    const { queuePendingConversions } = await import('../../../shared/use-cases/revalue');

    // Act: rates arrive for USD only, then for JPY only.
    const usd = await queuePendingConversions({ date, currencies: ['USD'] });
    const jpy = await queuePendingConversions({ date, currencies: ['JPY'] });
    const gbp = await queuePendingConversions({ date, currencies: ['GBP'] });

    // Assess: each run queued the one transaction in its currency, and nothing for a currency nobody waits for.
    expect(usd).toMatchObject({ users: 1, transactions: 1 });
    expect(jpy).toMatchObject({ users: 1, transactions: 1 });
    expect(gbp).toMatchObject({ users: 0, transactions: 0 });
  });

  it('the weekly reports still reach the other users', { timeout: 90_000 }, async () => {
    // Act: the report is due at Monday 07:00 in each user's zone (all of these are in UTC), fired at this week's.
    expect((await runReportSchedule('schedule-reports', thisMondayAt(7))).ok).toBe(true);

    // Assess: the bystander gets their report although a profile before theirs has no user id.
    const mail = await eventually(async () => (await outbox(bystander.email)).find((m) => /weekly Tally report/.test(m.subject)), 60_000, 'the bystander’s weekly report');
    expect(mail.subject).toMatch(/^Your weekly Tally report, week \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  });
});
