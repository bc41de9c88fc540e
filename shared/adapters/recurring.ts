import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Detection, Direction, Series, SeriesEntry, Tombstone } from '../domain/recurring';
import type { RecurringRecord, RecurringStatus, SeriesWrite, StoredSeries } from '../ports/recurring';
import { db, isConditionFailure, queryAll, tableName, updateExpression } from './dynamo';
import { isErased } from './erased';
import { keys } from './keys';
import { packJson, unpackJson } from './packed-json';

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

/** The compressed form of a series' entries and tombstones (a series of 36 payments stays under 1 KB: 2 WCU a transactional write instead of 4 to 8). */
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

/** Most series one transaction stores: with each series' recurring item, under the 100 actions of a TransactWriteItems. */
export const SERIES_PER_WRITE = 50;

function seriesPut(userId: string, w: SeriesWrite, at: string) {
  return {
    Put: {
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
    },
  };
}

function recurringUpdate(userId: string, w: SeriesWrite, at: string) {
  if (w.detection) return detectionUpdate(userId, w.id, w.series, w.detection, at);
  return w.hadDetection ? inactiveUpdate(userId, w.id, at) : undefined;
}

/** The writes of a chunk, each with what it stores (for reading a refusal back). */
function chunkItems(userId: string, writes: SeriesWrite[], at: string) {
  const items: object[] = [];
  const owner: { id: string; kind: 'series' | 'item' }[] = [];
  for (const w of writes) {
    items.push(seriesPut(userId, w, at));
    owner.push({ id: w.id, kind: 'series' });
    const update = recurringUpdate(userId, w, at);
    if (update) {
      items.push({ Update: update });
      owner.push({ id: w.id, kind: 'item' });
    }
  }
  return { items, owner };
}

/**
 * Each series with its recurring item: one transaction, or a single conditional Put when the chunk is one series
 * alone (a transaction bills twice). 'saved', or the writes refused: a series whose revision moved (`conflict`) or
 * whose item to mark inactive is gone (`gone`).
 */
async function writeChunk(userId: string, writes: SeriesWrite[], at: string): Promise<'saved' | { conflict: Set<string>; gone: Set<string> }> {
  const { items, owner } = chunkItems(userId, writes, at);
  const single = items.length === 1 ? (items[0] as { Put?: Record<string, unknown> }).Put : undefined;
  try {
    if (single) await db().send(new PutCommand(single as never));
    else await db().send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'saved';
  } catch (e) {
    if (single && isConditionFailure(e)) return { conflict: new Set(writes.map((w) => w.id)), gone: new Set() };
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (!reasons) throw e;
    const conflict = new Set<string>();
    const gone = new Set<string>();
    reasons.forEach((r, i) => {
      const o = owner[i];
      if (o && r.Code === 'ConditionalCheckFailed') (o.kind === 'series' ? conflict : gone).add(o.id);
    });
    // A concurrent transaction on one of its items (another batch of the same user): read again and retried.
    if (conflict.size === 0 && gone.size === 0 && reasons.some((r) => r.Code === 'TransactionConflict')) return { conflict: new Set(writes.map((w) => w.id)), gone };
    // Cancelled for another reason (throttling): the batch is retried.
    if (conflict.size === 0 && gone.size === 0) throw e;
    return { conflict, gone };
  }
}

/**
 * Stores several series of one user, each at revision `expectedRev + 1` with its recurring item (as `saveSeries`),
 * in one transaction per {@link SERIES_PER_WRITE} series (instead of a transaction per series), after one read of
 * the erasure mark (`isErased`). A transaction refused by one series' revision stores none of its series: they all
 * come back in `unsaved`, for the caller to read again. `erased` when the account is erased (nothing is stored).
 */
export async function saveSeriesBatch(userId: string, writes: SeriesWrite[], now: Date): Promise<{ erased: boolean; unsaved: string[] }> {
  if (writes.length > 0 && (await isErased(userId))) return { erased: true, unsaved: [] };
  const at = now.toISOString();
  const unsaved: string[] = [];
  for (let i = 0; i < writes.length; i += SERIES_PER_WRITE) {
    let chunk = writes.slice(i, i + SERIES_PER_WRITE);
    for (;;) {
      const result = await writeChunk(userId, chunk, at);
      if (result === 'saved') break;
      if (result.conflict.size > 0) {
        unsaved.push(...chunk.map((w) => w.id));
        break;
      }
      // The item to mark inactive is gone (it cannot normally be): that series is written alone.
      chunk = chunk.map((w) => (result.gone.has(w.id) ? { ...w, hadDetection: false } : w));
    }
  }
  return { erased: false, unsaved };
}

export async function saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  const result = await saveSeriesBatch(userId, [{ id, series, expectedRev, detection, hadDetection }], now);
  return result.erased ? 'erased' : result.unsaved.length > 0 ? 'conflict' : 'saved';
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
