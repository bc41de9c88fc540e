import { BatchGetCommand, DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pickStoredFields, type RollupDelta, type StoredFields } from '../domain/analytics';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';
import { isErased } from './erased';

/**
 * Monthly rollups `USER#<sub>` / `ROLLUP#<base>#<YYYY-MM>` and daily rollups `USER#<sub>` / `DAY#<base>#<YYYY-MM-DD>`:
 * flat integer counters (shared/domain/analytics/fields.ts) plus `updatedAt`. Each ledger event is applied once: a
 * dedup record `APPLIED#<eventId>` is written in the SAME transaction as the counters it adds, monthly and daily.
 */
const rollupKey = keys.rollup;
const appliedKey = keys.applied;
/** Dedup records outlive any redelivery: SQS keeps messages ≤ 14 days (DLQ included). */
const APPLIED_TTL_SECONDS = 30 * 86400;

/**
 * A stored rollup as the read models take it. Its counters are sums of unbounded count, so they are read exactly:
 * numbers while safe, bigints beyond 2^53 (DynamoDB keeps 38 digits; `ADD` never overflows there).
 */
export interface StoredRollup {
  month: string;
  fields: StoredFields;
  updatedAt: string;
}

function toStored(item: Record<string, unknown>): StoredRollup {
  return { month: String(item.sk).slice(-7), fields: pickStoredFields(item), updatedAt: String(item.updatedAt ?? '') };
}

/** The Update that adds a delta to its rollup (creating it on first use). */
function addUpdate(userId: string, d: RollupDelta, now: string) {
  const names: Record<string, string> = { '#u': 'updatedAt' };
  const values: Record<string, unknown> = { ':now': now };
  const adds: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(d.fields)) {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    adds.push(`#f${i} :v${i}`);
    i++;
  }
  return {
    Update: {
      TableName: tableName(),
      Key: d.key.day === undefined ? rollupKey(userId, d.key.baseCurrency, d.key.month) : keys.rollupDay(userId, d.key.baseCurrency, d.key.day),
      UpdateExpression: `SET #u = :now${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Applies the deltas (monthly and daily: a delta with `key.day` goes to the daily item) of some events atomically
 * with their dedup records, unless the account has been erased (its late events must not recreate rollups; checked
 * by a read first, see `isErased`). Changes nothing and says why when one of the events was already applied
 * (`duplicate`) or the account is gone (`erased`).
 */
export async function applyOnce(userId: string, eventIds: string[], deltas: RollupDelta[], now: Date): Promise<'applied' | 'duplicate' | 'erased'> {
  if (await isErased(userId)) return 'erased';
  const at = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + APPLIED_TTL_SECONDS;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          ...eventIds.map((id) => ({
            Put: { TableName: tableName(), Item: { ...appliedKey(id), userId, at, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
          ...deltas.map((d) => addUpdate(userId, d, at)),
        ],
      }),
    );
    return 'applied';
  } catch (e) {
    // Only the dedup records carry a condition: one of the events was applied before.
    if (!isConditionFailure(e)) throw e;
    return 'duplicate';
  }
}

/** Rollups of some months (BatchGet). */
export async function getRollups(userId: string, base: string, months: string[]): Promise<Map<string, StoredRollup>> {
  const out = new Map<string, StoredRollup>();
  if (months.length === 0) return out;
  let keysLeft: Record<string, unknown>[] = months.map((m) => rollupKey(userId, base, m));
  for (let attempt = 0; keysLeft.length > 0 && attempt < 8; attempt++) {
    const res = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keysLeft } } }));
    for (const item of res.Responses?.[tableName()] ?? []) {
      const r = toStored(item);
      out.set(r.month, r);
    }
    keysLeft = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return out;
}

/** Rollups of a range of months (one Query). */
export async function rollupRange(userId: string, base: string, from: string, to: string): Promise<StoredRollup[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':a': rollupKey(userId, base, from).sk, ':b': rollupKey(userId, base, to).sk },
  });
  return items.map(toStored);
}

/** Every rollup of a user, any base currency (repair), its counters exact at any size. */
export async function allRollups(userId: string): Promise<{ base: string; month: string; fields: StoredFields; updatedAt: string }[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.rollupPrefix } });
  return items.map((item) => {
    const [, base = '', month = ''] = String(item.sk).split('#');
    return { base, month, fields: pickStoredFields(item), updatedAt: String(item.updatedAt ?? '') };
  });
}

/**
 * Replaces a rollup with recounted fields, only if it was not updated since `expectedUpdatedAt` (a delta applied
 * meanwhile wins; the next repair looks again). A counter past 2^53 is a bigint, stored as an exact number.
 */
export async function replaceRollup(userId: string, base: string, month: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...rollupKey(userId, base, month), ...fields, updatedAt: now.toISOString(), repairedAt: now.toISOString() },
        ...(expectedUpdatedAt
          ? { ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': expectedUpdatedAt } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** A stored daily rollup: its day and counters. */
export interface StoredDay {
  day: string;
  fields: StoredFields;
}

/**
 * The daily rollups of `fromDay`..`toDay` (both included, YYYY-MM-DD) in one base currency, ascending, only days
 * that have an item with a non-zero counter (one Query over a sort-key range, paged); zeros are left out.
 */
export async function dailyRange(userId: string, base: string, fromDay: string, toDay: string): Promise<StoredDay[]> {
  if (fromDay > toDay) return [];
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':a': keys.rollupDay(userId, base, fromDay).sk, ':b': keys.rollupDay(userId, base, toDay).sk },
  });
  // A day whose counters all went back to 0 (an ADD that cancelled out) holds nothing: left out.
  return items.map((item) => ({ day: String(item.sk).slice(-10), fields: pickStoredFields(item) })).filter((d) => Object.keys(d.fields).length > 0);
}

/** Every daily rollup of a user, any base currency (repair), its counters exact. */
export async function allDaily(userId: string): Promise<{ base: string; day: string; fields: StoredFields; updatedAt: string }[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.rollupDayPrefix } });
  return items.map((item) => {
    const [, base = '', day = ''] = String(item.sk).split('#');
    return { base, day, fields: pickStoredFields(item), updatedAt: String(item.updatedAt ?? '') };
  });
}

/**
 * Replaces a daily rollup with recounted fields under the same guard as {@link replaceRollup} (only if not updated
 * since `expectedUpdatedAt`, or absent when undefined). Empty `fields` delete the item (a day the recount has nothing
 * for), under the same guard.
 */
export async function replaceDaily(userId: string, base: string, day: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean> {
  const guard = expectedUpdatedAt
    ? { ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': expectedUpdatedAt } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    if (Object.keys(fields).length === 0) {
      if (!expectedUpdatedAt) return true;
      await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.rollupDay(userId, base, day), ...guard }));
    } else {
      await db().send(
        new PutCommand({ TableName: tableName(), Item: { ...keys.rollupDay(userId, base, day), ...fields, updatedAt: now.toISOString(), repairedAt: now.toISOString() }, ...guard }),
      );
    }
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
