import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { modelFrom, type CategoryModel } from '../domain/categorise';
import type { Contribution, StoredCategoryModel } from '../ports/category-model';
import { db, isConditionFailure, tableName } from './dynamo';
import { isErased } from './erased';
import * as keys from './keys';
import { packJson, unpackJson } from './packed-json';

/** A deleted transaction's tombstone is kept this long, so an older event delivered late does not teach it again. */
const TOMBSTONE_SECONDS = 30 * 24 * 3600;

/**
 * The user's categoriser item: the model packed (compressed JSON, shared/adapters/packed-json.ts: a model of a few
 * hundred labelled rows is 2–20 KB as JSON, a tenth of that packed; integer counts, bounded by
 * shared/domain/categorise to under 300 KB as JSON) and its revision. One GetItem. Items written before the model was
 * packed hold it as a JSON string (`model`), read as well.
 */
export async function getCategoryModel(userId: string): Promise<StoredCategoryModel | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.categoryModel(userId) }));
  if (!out.Item) return undefined;
  let parsed: unknown;
  try {
    parsed = out.Item.packed instanceof Uint8Array ? unpackJson(out.Item.packed) : JSON.parse(String(out.Item.model ?? 'null'));
  } catch {
    parsed = null;
  }
  return { model: modelFrom(parsed), rev: Number(out.Item.rev ?? 0) };
}

export async function getContributions(userId: string, transactionIds: string[]): Promise<Map<string, Contribution>> {
  const out = new Map<string, Contribution>();
  const ids = [...new Set(transactionIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let pending: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => keys.categoryLearned(userId, id));
    for (let attempt = 0; pending.length > 0 && attempt < 8; attempt++) {
      const res = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of res.Responses?.[tableName()] ?? []) {
        out.set(String(item.transactionId), {
          version: Number(item.version ?? 0),
          categoryId: (item.categoryId as string | null | undefined) ?? null,
          features: (item.features as string[] | undefined) ?? [],
          deleted: item.deleted === true,
        });
      }
      pending = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

function learningItems(userId: string, model: CategoryModel, expectedRev: number, contributions: Map<string, Contribution>, now: Date) {
  const at = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + TOMBSTONE_SECONDS;
  const modelPut = {
    TableName: tableName(),
    Item: { ...keys.categoryModel(userId), userId, packed: packJson(model), rev: expectedRev + 1, updatedAt: at },
    ...(expectedRev === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': expectedRev } }),
  };
  const learned = [...contributions.entries()].map(([transactionId, c]) => ({
    TableName: tableName(),
    Item: {
      ...keys.categoryLearned(userId, transactionId),
      transactionId,
      version: c.version,
      // No attribute for no category: a top-level `categoryId` is a key attribute of the by-category index (gsi6), which
      // refuses a null one (read back as null).
      ...(c.categoryId !== null ? { categoryId: c.categoryId } : {}),
      features: c.features,
      deleted: c.deleted,
      ...(c.deleted ? { expiresAt } : {}),
    },
  }));
  return { modelPut, learned };
}

/**
 * Stores the model at revision `expectedRev + 1` with the contributions it learned, atomically (a single conditional
 * Put when there are none: a transaction bills twice); `conflict` when the model's revision moved, `erased` when the
 * account is erased (read first, see `isErased`: nothing is stored).
 */
export async function saveLearning(userId: string, model: CategoryModel, expectedRev: number, contributions: Map<string, Contribution>, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  if (await isErased(userId)) return 'erased';
  const { modelPut, learned } = learningItems(userId, model, expectedRev, contributions, now);
  try {
    if (learned.length === 0) await db().send(new PutCommand(modelPut));
    else await db().send(new TransactWriteCommand({ TransactItems: [{ Put: modelPut }, ...learned.map((Put) => ({ Put }))] }));
    return 'saved';
  } catch (e) {
    // Only the model's Put carries a condition.
    if (!isConditionFailure(e)) throw e;
    return 'conflict';
  }
}
