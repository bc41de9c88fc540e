import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createCounted, deleteCounted } from './collection-limits';
import { batchWriteAll, db, isConditionFailure, queryAll, tableName, updateExpression } from './dynamo';
import * as keys from './keys';

export interface CategoryRecord {
  id: string;
  name: string;
  kind: 'income' | 'expense';
  parentId: string | null;
  /** Categories written before versions count as version 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

function toCategory(item: Record<string, unknown>): CategoryRecord {
  return {
    id: String(item.id),
    name: String(item.name),
    kind: item.kind as CategoryRecord['kind'],
    parentId: (item.parentId as string | null | undefined) ?? null,
    version: typeof item.version === 'number' ? item.version : 1,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

export async function listCategories(userId: string): Promise<CategoryRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': 'CATEGORY#' } });
  return items.map(toCategory);
}

export async function getCategory(userId: string, id: string): Promise<CategoryRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.category(userId, id) }));
  return out.Item ? toCategory(out.Item) : undefined;
}

/** Which of `ids` (at most 100, distinct) name categories the user has. */
export async function existingCategoryIds(userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const out = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: ids.map((id) => keys.category(userId, id)), ProjectionExpression: 'id' } } }),
  );
  return new Set((out.Responses?.[tableName()] ?? []).map((i) => String(i.id)));
}

/** Writes categories that do not exist yet (seeding defaults is idempotent). */
export async function putCategories(userId: string, categories: CategoryRecord[]): Promise<void> {
  await batchWriteAll(categories.map((c) => ({ PutRequest: { Item: { ...keys.category(userId, c.id), ...c } } })));
}

/**
 * Creates a category, counted against the user's cap of categories (defaults included) in the same transaction.
 * False when the id exists.
 * @throws LimitExceededError at the cap (shared/domain/limits.ts).
 */
export async function createCategory(userId: string, c: CategoryRecord): Promise<boolean> {
  return createCounted(userId, 'categories', { Put: { TableName: tableName(), Item: { ...keys.category(userId, c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } });
}

/** The condition that a category is at `expected` (one stored before versions is at 1). */
function atVersion(expected: number): string {
  return expected === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :expected)' : 'attribute_exists(pk) AND version = :expected';
}

/** Changes a category if it is at `expected`; undefined when it is missing or at another version. */
export async function updateCategory(userId: string, id: string, changes: { name?: string; parentId?: string | null }, now: string, expected: number): Promise<CategoryRecord | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.category(userId, id),
        ...updateExpression(changes, { set: ['updatedAt = :now', 'version = if_not_exists(version, :one) + :one'], values: { ':now': now, ':one': 1, ':expected': expected } }),
        ConditionExpression: atVersion(expected),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toCategory(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/** Deletes a category at `expected` and takes it off the user's count in one transaction; false when missing or at another version. */
export async function deleteCategory(userId: string, id: string, expected: number): Promise<boolean> {
  return deleteCounted(userId, 'categories', {
    Delete: { TableName: tableName(), Key: keys.category(userId, id), ConditionExpression: atVersion(expected), ExpressionAttributeValues: { ':expected': expected } },
  });
}

/**
 * Ids of (up to `limit`) transactions whose primary category is `categoryId`: one Query of the by-category index,
 * which holds every categorised transaction whatever keys it was written with (it indexes the item's own `pk`,
 * `categoryId` and `date`), so none is missed. Items that are not transactions are left out.
 */
export async function transactionIdsInCategory(userId: string, categoryId: string, limit: number): Promise<string[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: keys.byCategoryIndex, KeyConditionExpression: keys.byCategoryCondition(false), ...keys.byCategoryValues(userId, categoryId), ProjectionExpression: 'pk, sk', Limit: limit }),
  );
  return (out.Items ?? []).flatMap((i) => keys.transactionOf(i)?.id ?? []);
}

/** Ids of transactions with a split in `categoryId` (read through the date index, filtered). */
export async function transactionIdsWithSplitIn(userId: string, categoryId: string): Promise<string[]> {
  const items = await queryAll({
    IndexName: keys.byDateIndex,
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'contains(splitCategories, :c)',
    ExpressionAttributeValues: { ':p': keys.userPartition(userId), ':c': categoryId },
    ProjectionExpression: 'pk, sk',
  });
  return items.flatMap((i) => keys.transactionOf(i)?.id ?? []);
}

/** When the default categories were given to the user (profile attribute), if ever. */
export async function categoriesSeededAt(userId: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.profile(userId), ProjectionExpression: 'categoriesSeededAt' }));
  return out.Item?.categoriesSeededAt as string | undefined;
}

export async function markCategoriesSeeded(userId: string, at: string): Promise<void> {
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.profile(userId),
        UpdateExpression: 'SET categoriesSeededAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    )
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}
