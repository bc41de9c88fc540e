import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { pickStoredFields, type StoredFields } from '../domain/analytics/fields';
import type { Budget } from '../domain/budgets';
import { createCounted, deleteCounted } from './collection-limits';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';

/** A stored budget (`USER#<sub>` / `BUDGET#<id>`): the domain budget plus its version and timestamps. */
export interface BudgetRecord extends Budget {
  version: number;
  createdAt: string;
  updatedAt: string;
}

function toBudget(item: Record<string, unknown>): BudgetRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return { ...rest, categoryId: (rest.categoryId as string | null | undefined) ?? null } as unknown as BudgetRecord;
}

/** Every budget of the user, oldest first (at most the cap, one Query). */
export async function listBudgets(userId: string): Promise<BudgetRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.budgetPrefix } });
  return items.map(toBudget).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function getBudget(userId: string, id: string): Promise<BudgetRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.budget(userId, id), ConsistentRead: true }));
  return out.Item ? toBudget(out.Item) : undefined;
}

/**
 * Writes a budget: new (must not exist; counted against the user's cap of budgets in the same transaction) or
 * replacing the given version. False when the condition failed.
 * @throws LimitExceededError when a new budget would pass the cap (shared/domain/limits.ts).
 */
export async function putBudget(userId: string, budget: BudgetRecord, expectedVersion?: number): Promise<boolean> {
  // No attribute for an overall budget (categoryId null): a top-level `categoryId` is a key attribute of the
  // by-category index (gsi6), which refuses a null one (read back as null).
  const { categoryId, ...rest } = budget;
  const Item = { ...keys.budget(userId, budget.id), ...rest, ...(categoryId !== null ? { categoryId } : {}) };
  if (expectedVersion === undefined) return createCounted(userId, 'budgets', { Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes a budget at `expectedVersion` and takes it off the user's count in one transaction; false when missing or at another version. */
export async function deleteBudget(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  return deleteCounted(userId, 'budgets', {
    Delete: { TableName: tableName(), Key: keys.budget(userId, id), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } },
  });
}

/**
 * The daily rollups of `fromDay`..`toDay` that counted pending-FX transactions (`pn` ≠ 0), ascending: a yearly
 * budget's pending expenses before the days the status reads whole. One Query whose filter leaves out the (many)
 * days without pending FX, so the answer stays small however dense the ledger is.
 */
export async function pendingDays(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]> {
  if (fromDay > toDay) return [];
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    FilterExpression: 'attribute_exists(pn) AND pn <> :zero',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':a': keys.rollupDay(userId, base, fromDay).sk, ':b': keys.rollupDay(userId, base, toDay).sk, ':zero': 0 },
  });
  return items.map((item) => ({ day: String(item.sk).slice(-10), fields: pickStoredFields(item) }));
}
