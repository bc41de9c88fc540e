import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Detection, Direction, Series, SeriesEntry, Tombstone } from '../domain/recurring';
import type { RecurringRecord, RecurringStatus, SeriesWrite, StoredSeries } from '../ports/recurring';
import { db, isConditionFailure, queryAll, tableName, updateExpression } from './dynamo';
import { isErased } from './erased';
import * as keys from './keys';
import { packJson, unpackJson } from './packed-json';
import { eachBounded } from '../async/bounded';

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

/** The compressed form of a series' entries and tombstones (a series of 36 payments stays under 1 KB: 1 WCU a write, 2 in a transaction, instead of 2 to 8). */
function pack(series: Series): Uint8Array {
  return packJson({ e: series.entries, t: series.tombstones }, 11);
}

function parseList<T>(text: unknown): T[] {
  try {
    const v: unknown = JSON.parse(String(text ?? '[]'));
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The entries and tombstones of a stored series item: the packed form, or the JSON strings items written before it carry. */
function unpack(item: Record<string, unknown>): { entries: SeriesEntry[]; tombstones: Tombstone[] } {
  if (item.packed instanceof Uint8Array) {
    try {
      const v = unpackJson(item.packed) as { e?: unknown; t?: unknown };
      return { entries: Array.isArray(v.e) ? (v.e as SeriesEntry[]) : [], tombstones: Array.isArray(v.t) ? (v.t as Tombstone[]) : [] };
    } catch {
      return { entries: [], tombstones: [] };
    }
  }
  return { entries: parseList<SeriesEntry>(item.entries), tombstones: parseList<Tombstone>(item.tombstones) };
}

/** The series item: its entries and tombstones packed (one small item, read and written whole). */
export async function getSeries(userId: string, id: string): Promise<StoredSeries | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchantSeries(userId, id), ConsistentRead: true }));
  const item = out.Item;
  if (!item) return undefined;
  return {
    series: { direction: item.direction as Direction, merchant: String(item.merchant), ...unpack(item) },
    rev: Number(item.rev ?? 0),
    detected: item.detected === true,
  };
}

/**
 * Series of one batch written at once, each its own request: a batch of 50 series takes 7 round trips, not 50,
 * within the client's sockets.
 */
const PARALLEL_WRITES = 8;

function seriesPut(userId: string, w: SeriesWrite, at: string) {
  return {
    TableName: tableName(),
    Item: {
      ...keys.merchantSeries(userId, w.id),
      direction: w.series.direction,
      merchant: w.series.merchant,
      packed: pack(w.series),
      rev: w.expectedRev + 1,
      detected: w.detection !== undefined,
      updatedAt: at,
    },
    ...(w.expectedRev === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': w.expectedRev } }),
  };
}

function recurringUpdate(userId: string, w: SeriesWrite, at: string) {
  if (w.detection) return detectionUpdate(userId, w.id, w.series, w.detection, at);
  return w.hadDetection ? inactiveUpdate(userId, w.id, at) : undefined;
}

/** DynamoDB refused the write for a value its key schema does not allow (a transaction cancelled for one, too). */
function isKeyTypeRefusal(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | null;
  return e?.name === 'ValidationException' || (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ValidationError'));
}

/**
 * Runs a write of the recurring item `id`. A recurring payment stored by a release before gsi6 may still hold a null
 * `categoryId`, which an item may not keep once gsi6 (keyed on it) exists, until `npm run migrate-index-keys` has run:
 * when DynamoDB refuses the write for that, this clears the null (only if it is one) and writes again, once.
 */
async function clearingNullCategory<T>(userId: string, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (refused) {
    if (!isKeyTypeRefusal(refused)) throw refused;
    try {
      await db().send(
        new UpdateCommand({ TableName: tableName(), Key: keys.recurring(userId, id), UpdateExpression: 'REMOVE #c', ConditionExpression: 'attribute_type(#c, :null)', ExpressionAttributeNames: { '#c': 'categoryId' }, ExpressionAttributeValues: { ':null': 'NULL' } }),
      );
    } catch (e) {
      // No null category there: the refusal was about something else.
      throw isConditionFailure(e) ? refused : e;
    }
    return write();
  }
}

/**
 * One series: a conditional Put when its recurring item stays as it is (1 WCU a KB; a transaction bills 2), or the
 * Put and the item's update in one two-item transaction (all or nothing). 'conflict' when the series' revision
 * moved or a concurrent transaction held it (read again by the caller), 'gone' when the item to mark inactive is
 * gone; any other refusal throws.
 */
async function writeSeries(userId: string, w: SeriesWrite, at: string): Promise<'saved' | 'conflict' | 'gone'> {
  const put = seriesPut(userId, w, at);
  const update = recurringUpdate(userId, w, at);
  try {
    if (update) await clearingNullCategory(userId, w.id, () => db().send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Update: update }] as never })));
    else await db().send(new PutCommand(put as never));
    return 'saved';
  } catch (e) {
    if (!update && isConditionFailure(e)) return 'conflict';
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (!reasons) throw e;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'conflict';
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'gone';
    // A concurrent transaction on one of its items (another batch of the same user): read again and retried.
    if (reasons.some((r) => r.Code === 'TransactionConflict')) return 'conflict';
    // Cancelled for another reason (throttling past the retry budget): the batch is retried.
    throw e;
  }
}

/** Whether one series is stored; the item to mark inactive being gone (it cannot normally be), the series is written alone. */
async function saveOne(userId: string, w: SeriesWrite, at: string): Promise<boolean> {
  const outcome = await writeSeries(userId, w, at);
  if (outcome === 'gone') return saveOne(userId, { ...w, hadDetection: false }, at);
  return outcome === 'saved';
}

/**
 * Stores several series of one user, each at revision `expectedRev + 1` with its recurring item (as `saveSeries`),
 * after one read of the erasure mark (`isErased`). Each series is written on its own, {@link PARALLEL_WRITES} at a
 * time: a conditional Put, or a two-item transaction when its recurring item changes too. A series refused by its
 * revision (or held by a concurrent transaction) is not stored and comes back in `unsaved`, for the caller to read
 * again; the others are stored. `erased` when the account is erased (nothing is stored).
 */
export async function saveSeriesBatch(userId: string, writes: SeriesWrite[], now: Date): Promise<{ erased: boolean; unsaved: string[] }> {
  if (writes.length > 0 && (await isErased(userId))) return { erased: true, unsaved: [] };
  const at = now.toISOString();
  const saved = new Array<boolean>(writes.length).fill(false);
  await eachBounded(writes, PARALLEL_WRITES, async (w, i) => {
    saved[i] = await saveOne(userId, w, at);
  });
  return { erased: false, unsaved: writes.filter((_, i) => !saved[i]).map((w) => w.id) };
}

export async function saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  const result = await saveSeriesBatch(userId, [{ id, series, expectedRev, detection, hadDetection }], now);
  return result.erased ? 'erased' : result.unsaved.length > 0 ? 'conflict' : 'saved';
}

/** Every detection field set, the status kept (`detected` the first time), the version one up. */
function detectionUpdate(userId: string, id: string, series: Series, d: Detection, at: string) {
  const changes: Record<string, unknown> = { active: true, id, direction: series.direction, merchant: series.merchant, updatedAt: at, ...(d.priceChange ? { priceChange: d.priceChange } : {}) };
  for (const f of DETECTION_FIELDS) changes[f] = d[f];
  // No attribute for no category: a top-level `categoryId` is a key attribute of the by-category index (gsi6), which
  // refuses a null one (read back as null).
  const uncategorised = changes.categoryId === null;
  if (uncategorised) delete changes.categoryId;
  const remove = [...(d.priceChange ? [] : ['#priceChange']), ...(uncategorised ? ['#categoryId'] : [])];
  const parts = updateExpression(changes, {
    set: ['#status = if_not_exists(#status, :detected)'],
    add: ['#version :one'],
    remove,
    names: { '#status': 'status', '#version': 'version', ...(d.priceChange ? {} : { '#priceChange': 'priceChange' }), ...(uncategorised ? { '#categoryId': 'categoryId' } : {}) },
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
    const out = await clearingNullCategory(userId, id, () =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.recurring(userId, id),
          UpdateExpression: 'SET #status = :status, #updatedAt = :at ADD #version :one',
          ConditionExpression: 'attribute_exists(pk) AND #version = :v',
          ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version' },
          ExpressionAttributeValues: { ':status': status, ':at': now.toISOString(), ':one': 1, ':v': expectedVersion },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes ? toRecord(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}
