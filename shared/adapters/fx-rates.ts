import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, db, tableName } from './dynamo';
import type { Envelope } from '../../events/envelope';
import * as keys from './keys';
import { transact } from './ledger';
import { outboxPut } from './outbox';

/** Rates published for one date: units of each currency per 1 unit of `base`, as decimal strings. */
export interface RateSet {
  base: string;
  date: string;
  rates: Record<string, string>;
}

/** Stores (or replaces) the rates of a date. */
export async function putRates(set: RateSet, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.fx(set.base, set.date), ...set, publishedAt: now.toISOString() } }));
}

/** Stores many rate sets (loading a history); existing dates are replaced. */
export async function putRateHistory(sets: RateSet[], now: Date): Promise<void> {
  const at = now.toISOString();
  await batchWriteAll(sets.map((s) => ({ PutRequest: { Item: { ...keys.fx(s.base, s.date), ...s, publishedAt: at } } })), 8);
}

/** The latest rate set of `base` published on or before `date` and no earlier than `earliest` (YYYY-MM-DD). */
export async function latestRates(base: string, date: string, earliest: string): Promise<RateSet | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.fx(base, date).pk, ':from': earliest, ':to': date },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item ? { base: String(item.base), date: String(item.date), rates: item.rates as Record<string, string> } : undefined;
}

/** Every rate set of `base` published from `earliest` to `date`, newest first (a lookup window of a few days). */
export async function ratesWindow(base: string, earliest: string, date: string): Promise<RateSet[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.fx(base, date).pk, ':from': earliest, ':to': date },
      ScanIndexForward: false,
    }),
  );
  return (out.Items ?? []).map((i) => ({ base: String(i.base), date: String(i.date), rates: i.rates as Record<string, string> }));
}

const historyKey = keys.fxHistory;

/** Whether a complete rate history from `source` was loaded. */
export async function historyLoaded(source: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: historyKey(source), ConsistentRead: true }));
  return out.Item !== undefined;
}

export async function markHistoryLoaded(source: string, days: number, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...historyKey(source), days, loadedAt: now.toISOString() } }));
}

/** Publishes the rates of a date (replacing any earlier set) with `event`, all or nothing. */
export async function publishRateSet(set: RateSet, event: Envelope, now: Date): Promise<void> {
  await transact([{ Put: { TableName: tableName(), Item: { ...keys.fx(set.base, set.date), ...set, publishedAt: now.toISOString() } } }, outboxPut(event)]);
}
