import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, AlertDraft, AlertPreferences } from '../domain/alerts';
import { mergePreferences } from '../domain/alerts';
import { db, isConditionFailure, queryAll, queryPages, tableName } from './dynamo';
import * as keys from './keys';

/**
 * How long an alert is kept: 400 days. The alerts consumer evaluates nothing older than 365 days (see
 * shared/use-cases/alerts.ts), so an alert always outlives the window in which its id could be raised again, and a
 * user's alerts stay bounded by what 400 days can raise.
 */
export const ALERT_TTL_SECONDS = 400 * 86400;

const ALERT_FIELDS = ['id', 'kind', 'severity', 'title', 'message', 'evidence', 'budgetId', 'goalId', 'transactionId', 'createdAt', 'readAt'] as const;

function toAlert(item: Record<string, unknown>): Alert {
  const a = Object.fromEntries(ALERT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Alert;
  return { ...a, readAt: (item.readAt as string | undefined) ?? null };
}

/**
 * Stores an alert unless one with its id exists (`attribute_not_exists`): `created` the first time, `exists` on
 * every later attempt (a duplicate event, another event reaching the same level, a redelivery after a crash).
 * `emailPending` marks an alert whose email still has to be queued.
 */
export async function putAlertOnce(userId: string, alert: AlertDraft, now: Date, emailPending = false): Promise<{ outcome: 'created' | 'exists'; alert: Alert; emailPending: boolean }> {
  const createdAt = now.toISOString();
  const item = {
    ...keys.alert(userId, alert.id),
    ...keys.alertByTime(userId, createdAt, alert.id),
    ...alert,
    createdAt,
    ...(emailPending ? { emailPending: true } : {}),
    expiresAt: Math.floor(now.getTime() / 1000) + ALERT_TTL_SECONDS,
  };
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { outcome: 'created', alert: toAlert(item), emailPending };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const existing = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.alert(userId, alert.id), ConsistentRead: true }))).Item;
    return { outcome: 'exists', alert: existing ? toAlert(existing) : toAlert(item), emailPending: existing?.emailPending === true };
  }
}

/** Most keys of one BatchGetItem (DynamoDB). */
const BATCH_GET_MAX = 100;

/** Reads items by key (BatchGet, eventually consistent, only the `attributes` named), following unprocessed keys. */
async function batchGet(itemKeys: Record<string, unknown>[], attributes: readonly string[]): Promise<Record<string, unknown>[]> {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += BATCH_GET_MAX) {
    let left = itemKeys.slice(i, i + BATCH_GET_MAX);
    for (let attempt = 0; left.length > 0; attempt++) {
      if (attempt >= 8) throw new Error(`BatchGet left ${left.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const res = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: left, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } } }));
      out.push(...(res.Responses?.[tableName()] ?? []));
      left = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/**
 * Which of the alert ids the user already has, with each one's creation time and whether its email is still to be
 * queued (one eventually consistent BatchGet per 100 ids: half a read unit per alert, where a refused conditional
 * Put costs a write unit per KB). A stale read only misses an alert written moments ago, whose conditional Put is
 * then refused as before; it cannot show `emailPending` cleared before it was.
 */
export async function existingAlerts(userId: string, ids: readonly string[]): Promise<Map<string, { createdAt: string; emailPending: boolean }>> {
  const distinct = [...new Set(ids)];
  const items = distinct.length === 0 ? [] : await batchGet(distinct.map((id) => keys.alert(userId, id)), ['id', 'createdAt', 'emailPending']);
  return new Map(items.map((i) => [String(i.id), { createdAt: String(i.createdAt), emailPending: i.emailPending === true }]));
}

/** The days (of `days`) for which the user already has a digest marker (BatchGet). */
export async function digestMarks(userId: string, days: readonly string[]): Promise<Set<string>> {
  const distinct = [...new Set(days)];
  const items = distinct.length === 0 ? [] : await batchGet(distinct.map((day) => keys.alertDigest(day, userId)), ['day']);
  return new Set(items.map((i) => String(i.day)));
}

/** The email of an alert is queued: a redelivery does not queue it again. */
export async function clearEmailPending(userId: string, id: string): Promise<void> {
  await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.alert(userId, id), UpdateExpression: 'REMOVE emailPending', ConditionExpression: 'attribute_exists(pk)' })).catch((e: unknown) => {
    if (!isConditionFailure(e)) throw e;
  });
}

export async function getAlert(userId: string, id: string): Promise<Alert | undefined> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.alert(userId, id), ConsistentRead: true }))).Item;
  return item ? toAlert(item) : undefined;
}

/**
 * One page of a user's alerts, newest first (GSI1 `USER#<sub>#ALERTS`), unread ones only with `unreadOnly`; reads
 * at most `maxScanned` index entries per call, so a page of unread alerts among many read ones may come back short
 * with a position to resume from. `start` and the returned `next` are index positions (`gsi1sk`).
 */
export async function listAlerts(userId: string, options: { unreadOnly: boolean; limit: number; start?: string; maxScanned?: number }): Promise<{ items: Alert[]; next?: string }> {
  const items: Alert[] = [];
  const maxScanned = options.maxScanned ?? 1000;
  let scanned = 0;
  let exclusive: Record<string, unknown> | undefined = options.start ? { gsi1pk: keys.alertsPartition(userId), gsi1sk: options.start, ...keyOfPosition(userId, options.start) } : undefined;
  for (;;) {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.alertsPartition(userId) },
        ScanIndexForward: false,
        Limit: Math.min(1000, Math.max(options.limit + 1, 50)),
        ExclusiveStartKey: exclusive,
      }),
    );
    for (const item of page.Items ?? []) {
      scanned++;
      if (options.unreadOnly && item.readAt) continue;
      items.push(toAlert(item));
      if (items.length === options.limit) return { items, next: String(item.gsi1sk) };
    }
    exclusive = page.LastEvaluatedKey;
    if (!exclusive) return { items };
    if (scanned >= maxScanned) return { items, next: String(exclusive.gsi1sk) };
  }
}

/** The table key of the alert at an index position (`<createdAt>#<id>`), which a GSI's ExclusiveStartKey needs. */
function keyOfPosition(userId: string, position: string): { pk: string; sk: string } {
  const id = position.slice(position.lastIndexOf('#') + 1);
  return keys.alert(userId, id);
}

/** Marks one alert read (the first time only); undefined when the user has no such alert. */
export async function markRead(userId: string, id: string, now: Date): Promise<Alert | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.alert(userId, id),
        UpdateExpression: 'SET readAt = if_not_exists(readAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toAlert(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export async function getPreferences(userId: string): Promise<AlertPreferences> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.alertPreferences(userId) }))).Item;
  return mergePreferences(item?.kinds as Parameters<typeof mergePreferences>[0]);
}

export async function putPreferences(userId: string, preferences: AlertPreferences, now: Date): Promise<AlertPreferences> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.alertPreferences(userId), kinds: preferences, updatedAt: now.toISOString() } }));
  return preferences;
}

/**
 * The base-currency amounts of a user's expenses in one primary category dated `from`…`to` (inclusive), newest
 * first, at most `limit` (the by-category index, one bounded Query; transfers, income, pending conversions, other base
 * currencies, `excludeId` and any item that is not a transaction left out).
 */
export async function categoryExpenseAmounts(userId: string, categoryId: string, range: { from: string; to: string }, base: string, limit: number, excludeId: string): Promise<number[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.byCategoryIndex,
      KeyConditionExpression: keys.byCategoryCondition(true),
      ...keys.byCategoryValues(userId, categoryId, range),
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? [])
    .filter((i) => {
      const tx = keys.transactionOf(i);
      return tx !== undefined && tx.id !== excludeId && i.type === 'expense' && i.fxStatus !== 'pending' && i.baseCurrency === base && typeof i.baseAmount === 'number';
    })
    .map((i) => Math.abs(i.baseAmount as number));
}

/** How long a digest marker is kept: the schedule reads yesterday's; a fortnight leaves room for a late rerun. */
export const DIGEST_TTL_SECONDS = 14 * 86400;

/** Notes that the user has alerts of `day` (UTC) for the daily digest; an idempotent put (a redelivery rewrites it). */
export async function markDigest(userId: string, day: string, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.alertDigest(day, userId), userId, day, expiresAt: Math.floor(now.getTime() / 1000) + DIGEST_TTL_SECONDS } }));
}

/** The users with a digest marker for `day`, one page of the day's partition at a time (never every user). */
export async function* digestUsers(day: string, pageSize = 500): AsyncGenerator<string[]> {
  for await (const page of queryPages({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.alertDigestPartition(day) }, ProjectionExpression: 'sk', Limit: pageSize })) {
    if (page.items.length > 0) yield page.items.map((i) => String(i.sk));
  }
}

/**
 * Up to `limit` of a user's alerts created from `from` to `to` (days, UTC, inclusive), newest first: one Query of
 * that range of GSI1 by creation time, however many alerts came after it.
 */
export async function alertsBetween(userId: string, from: string, to: string, limit: number): Promise<Alert[]> {
  const out = await db().send(new QueryCommand({ TableName: tableName(), ...createdBetween(userId, from, to), ScanIndexForward: false, Limit: limit }));
  return (out.Items ?? []).map(toAlert);
}

/** A user's alerts created on `day` (UTC), oldest first (GSI1 by creation time, one day's range). */
export async function alertsOfDay(userId: string, day: string): Promise<Alert[]> {
  return (await queryAll(createdBetween(userId, day, day))).map(toAlert);
}

/** The Query of a user's alerts created from day `from` to day `to` (UTC, inclusive): GSI1 by creation time. */
function createdBetween(userId: string, from: string, to: string) {
  return {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':p': keys.alertsPartition(userId), ':a': keys.alertsCreatedFrom(from), ':b': keys.alertsCreatedTo(to) },
  };
}
