import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BaseCurrencyChanged, PENDING_PER_MESSAGE, PendingConversionRequested, PendingConversionSweepContinued } from '../../events/ledger-jobs';
import { addDays } from '../domain/ledger/calendar';
import { DEFAULT_MAX_AGE_DAYS } from '../domain/fx';
import { db, isConditionFailure, tableName } from '../adapters/dynamo';
import { getTransaction, putTransaction, toTransaction, transact, type TransactionRecord } from '../adapters/ledger';
import { getProfile } from '../adapters/profiles';
import { newEvent } from '../adapters/outbox';
import { publish } from '../adapters/queue';
import { RateBook } from './fx';

/**
 * Re-values one transaction in `baseCurrency` (conditional on its version; a concurrent edit wins and has
 * re-valued it itself). Returns whether it changed.
 */
async function revalue(t: TransactionRecord, baseCurrency: string, book: RateBook, now: Date): Promise<boolean> {
  const view = await book.baseView(t.amount, t.currency, t.date, baseCurrency);
  if (view.fxStatus === t.fxStatus && view.baseAmount === t.baseAmount && view.baseCurrency === t.baseCurrency && view.fxDate === t.fxDate) return false;
  try {
    await transact([putTransaction({ ...t, ...view, version: t.version + 1, updatedAt: now.toISOString() }, { version: t.version })]);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * The fan-out of newly published rates: finds the pending transactions they may convert (dated from `date` to 7 days
 * after, in the pending index, only those whose currency or base currency arrived) and queues one
 * PendingConversionRequested per user (at most 100 transactions each), so one user's malformed ledger fails its own
 * message alone. Past `deadline` it goes on in a PendingConversionSweepContinued.
 */
export async function queuePendingConversions(
  input: { date: string; currencies: string[]; cursor?: string },
  deadline = Number.POSITIVE_INFINITY,
  now = new Date(),
): Promise<{ users: number; transactions: number; continued: boolean }> {
  const currencies = [...new Set(input.currencies)];
  if (currencies.length === 0) return { users: 0, transactions: 0, continued: false };
  // DynamoDB's IN takes at most 100 operands; a larger set (never published in practice) is not filtered.
  const filtered = currencies.length <= 99;
  const values: Record<string, unknown> = { ':p': 'FXPENDING', ':from': `${input.date}#`, ':to': `${addDays(input.date, DEFAULT_MAX_AGE_DAYS)}#~` };
  currencies.forEach((c, i) => (values[`:c${i}`] = c));
  const list = currencies.map((_, i) => `:c${i}`).join(', ');
  const users = new Set<string>();
  let transactions = 0;
  let start = input.cursor ? (JSON.parse(input.cursor) as Record<string, unknown>) : undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        ...(filtered ? { FilterExpression: `#cur IN (${list}) OR #base IN (${list})`, ExpressionAttributeNames: { '#cur': 'currency', '#base': 'baseCurrency', '#u': 'userId', '#id': 'id' } } : { ExpressionAttributeNames: { '#u': 'userId', '#id': 'id' } }),
        ExpressionAttributeValues: filtered ? values : { ':p': values[':p'], ':from': values[':from'], ':to': values[':to'] },
        ProjectionExpression: '#u, #id',
        ExclusiveStartKey: start,
        Limit: 500,
      }),
    );
    const byUser = new Map<string, string[]>();
    for (const item of page.Items ?? []) {
      if (typeof item.userId !== 'string' || typeof item.id !== 'string' || !item.userId || !item.id) continue;
      byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item.id]);
    }
    const events = [...byUser].flatMap(([userId, ids]) => {
      users.add(userId);
      transactions += ids.length;
      const out = [];
      for (let i = 0; i < ids.length; i += PENDING_PER_MESSAGE) out.push(newEvent(PendingConversionRequested, { userId, transactionIds: ids.slice(i, i + PENDING_PER_MESSAGE) }, now));
      return out;
    });
    await publish('ledger-jobs', events);
    start = page.LastEvaluatedKey;
    if (start && Date.now() > deadline) {
      await publish('ledger-jobs', [newEvent(PendingConversionSweepContinued, { date: input.date, currencies, cursor: JSON.stringify(start) }, now)]);
      return { users: users.size, transactions, continued: true };
    }
  } while (start);
  return { users: users.size, transactions, continued: false };
}

/** Converts pending transactions of one user (one PendingConversionRequested) in the user's base currency. */
export async function convertPendingOf(userId: string, transactionIds: string[], now = new Date()): Promise<{ converted: number; stillPending: number }> {
  const book = new RateBook();
  const profile = await getProfile(userId);
  let converted = 0;
  let stillPending = 0;
  for (const id of transactionIds) {
    const t = await getTransaction(userId, id);
    if (!t || t.fxStatus !== 'pending') continue;
    if (await revalue(t, profile?.baseCurrency ?? t.baseCurrency, book, now)) converted++;
    else stillPending++;
  }
  return { converted, stillPending };
}

const PAGE = 200;

/**
 * Re-values a page of a user's transactions in their (new) base currency, then queues the next page. Pages are
 * idempotent (a transaction already in the base currency is skipped), so a redelivered message is harmless.
 */
export async function rebasePage(input: { userId: string; from: string; to: string; cursor?: string }, now = new Date()): Promise<{ changed: number; done: boolean }> {
  const profile = await getProfile(input.userId);
  if (!profile || profile.baseCurrency !== input.to) return { changed: 0, done: true }; // changed again since: a newer event re-bases
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `USER#${input.userId}#TX` },
      Limit: PAGE,
      ...(input.cursor ? { ExclusiveStartKey: JSON.parse(input.cursor) as Record<string, unknown> } : {}),
    }),
  );
  const book = new RateBook();
  let changed = 0;
  for (const item of page.Items ?? []) {
    const t = toTransaction(item);
    if (t.baseCurrency === input.to && t.fxStatus === 'converted') continue;
    if (await revalue(t, input.to, book, now)) changed++;
  }
  if (page.LastEvaluatedKey) {
    await publish('ledger-jobs', [newEvent(BaseCurrencyChanged, { ...input, cursor: JSON.stringify(page.LastEvaluatedKey) }, now)]);
    return { changed, done: false };
  }
  return { changed, done: true };
}
