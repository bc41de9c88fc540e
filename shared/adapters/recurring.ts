import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Detection, Direction, Series, SeriesEntry, Tombstone } from '../domain/recurring';
import type { RecurringRecord, RecurringStatus, StoredSeries } from '../ports/recurring';
import { db, isConditionFailure, queryAll, tableName, updateExpression } from './dynamo';
import { keys } from './keys';

const DETECTION_FIELDS = ['period', 'currency', 'categoryId', 'averageAmount', 'lastAmount', 'lastDate', 'nextExpectedDate', 'confidence', 'transactionIds'] as const;

function toRecord(item: Record<string, unknown>): RecurringRecord {
  return {
    id: String(item.id),
    direction: item.direction as Direction,
    merchant: String(item.merchant),
    period: item.period as RecurringRecord['period'],
    currency: String(item.currency),
    categoryId: (item.categoryId as string | null | undefined) ?? null,
    averageAmount: Number(item.averageAmount),
    lastAmount: Number(item.lastAmount),
    lastDate: String(item.lastDate),
    nextExpectedDate: String(item.nextExpectedDate),
    confidence: Number(item.confidence),
    transactionIds: (item.transactionIds as string[] | undefined) ?? [],
    ...(item.priceChange ? { priceChange: item.priceChange as NonNullable<RecurringRecord['priceChange']> } : {}),
    active: item.active === true,
    status: (item.status as RecurringStatus | undefined) ?? 'detected',
    version: Number(item.version ?? 1),
    updatedAt: String(item.updatedAt ?? ''),
  };
}

/** The series item: its entries and tombstones as JSON strings (one small item, read and written whole). */
export async function getSeries(userId: string, id: string): Promise<StoredSeries | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchantSeries(userId, id), ConsistentRead: true }));
  const item = out.Item;
  if (!item) return undefined;
  const parse = <T>(text: unknown): T[] => {
    try {
      const v: unknown = JSON.parse(String(text ?? '[]'));
      return Array.isArray(v) ? (v as T[]) : [];
    } catch {
      return [];
    }
  };
  return {
    series: { direction: item.direction as Direction, merchant: String(item.merchant), entries: parse<SeriesEntry>(item.entries), tombstones: parse<Tombstone>(item.tombstones) },
    rev: Number(item.rev ?? 0),
    detected: item.detected === true,
  };
}

export async function saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  const at = now.toISOString();
  const seriesPut = {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.merchantSeries(userId, id),
        direction: series.direction,
        merchant: series.merchant,
        entries: JSON.stringify(series.entries),
        tombstones: JSON.stringify(series.tombstones),
        rev: expectedRev + 1,
        detected: detection !== undefined,
        updatedAt: at,
      },
      ...(expectedRev === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': expectedRev } }),
    },
  };
  const recurringUpdate = detection ? detectionUpdate(userId, id, series, detection, at) : hadDetection ? inactiveUpdate(userId, id, at) : undefined;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: tableName(), Key: keys.erased(userId), ConditionExpression: 'attribute_not_exists(pk)' } },
          seriesPut,
          ...(recurringUpdate ? [{ Update: recurringUpdate }] : []),
        ],
      }),
    );
    return 'saved';
  } catch (e) {
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return 'erased';
    if (reasons?.[1]?.Code === 'ConditionalCheckFailed') return 'conflict';
    // The item to mark inactive is gone (it cannot normally be): the series is written alone.
    if (reasons?.[2]?.Code === 'ConditionalCheckFailed' && !detection) return saveSeries(userId, id, series, expectedRev, undefined, false, now);
    throw e;
  }
}

/** Every detection field set, the status kept (`detected` the first time), the version one up. */
function detectionUpdate(userId: string, id: string, series: Series, d: Detection, at: string) {
  const changes: Record<string, unknown> = { active: true, id, direction: series.direction, merchant: series.merchant, updatedAt: at, ...(d.priceChange ? { priceChange: d.priceChange } : {}) };
  for (const f of DETECTION_FIELDS) changes[f] = d[f];
  const parts = updateExpression(changes, {
    set: ['#status = if_not_exists(#status, :detected)'],
    add: ['#version :one'],
    remove: d.priceChange ? [] : ['#priceChange'],
    names: { '#status': 'status', '#version': 'version', ...(d.priceChange ? {} : { '#priceChange': 'priceChange' }) },
    values: { ':detected': 'detected', ':one': 1 },
  });
  return { TableName: tableName(), Key: keys.recurring(userId, id), ...parts };
}

function inactiveUpdate(userId: string, id: string, at: string) {
  return {
    TableName: tableName(),
    Key: keys.recurring(userId, id),
    UpdateExpression: 'SET #active = :false, #updatedAt = :at ADD #version :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#active': 'active', '#updatedAt': 'updatedAt', '#version': 'version' },
    ExpressionAttributeValues: { ':false': false, ':at': at, ':one': 1 },
  };
}

/** Every recurring item of the user (one partition Query on the `RECURRING#` prefix). */
export async function listRecurring(userId: string): Promise<RecurringRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': keys.userPartition(userId), ':s': keys.recurringPrefix },
  });
  return items.map(toRecord);
}

export async function getRecurring(userId: string, id: string): Promise<RecurringRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.recurring(userId, id), ConsistentRead: true }));
  return out.Item ? toRecord(out.Item) : undefined;
}

export async function setRecurringStatus(userId: string, id: string, status: RecurringStatus, expectedVersion: number, now: Date): Promise<RecurringRecord | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.recurring(userId, id),
        UpdateExpression: 'SET #status = :status, #updatedAt = :at ADD #version :one',
        ConditionExpression: 'attribute_exists(pk) AND #version = :v',
        ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version' },
        ExpressionAttributeValues: { ':status': status, ':at': now.toISOString(), ':one': 1, ':v': expectedVersion },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toRecord(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}
