import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { GoalRecord } from '../domain/goals/goal';
import { createCounted, deleteCounted } from './collection-limits';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';

export type { GoalRecord } from '../domain/goals/goal';

function toGoal(item: Record<string, unknown>): GoalRecord {
  const contributions: Record<string, number> = {};
  if (typeof item.contributions === 'object' && item.contributions !== null) {
    for (const [month, v] of Object.entries(item.contributions)) if (typeof v === 'number' && Number.isSafeInteger(v)) contributions[month] = v;
  }
  return {
    id: String(item.id),
    name: String(item.name),
    targetAmount: Number(item.targetAmount),
    currency: String(item.currency),
    targetDate: typeof item.targetDate === 'string' ? item.targetDate : null,
    accountId: typeof item.accountId === 'string' ? item.accountId : null,
    startAmount: Number(item.startAmount ?? 0),
    contributions,
    contributedEarlier: Number(item.contributedEarlier ?? 0),
    recentContributions: Array.isArray(item.recentContributions) ? (item.recentContributions as GoalRecord['recentContributions']) : [],
    contributionCount: Number(item.contributionCount ?? 0),
    version: Number(item.version ?? 1),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

/** Every goal of the user (at most the cap, so one answer), oldest first; a consistent read (the account-deletion check relies on it). */
export async function listGoals(userId: string): Promise<GoalRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.goalPrefix }, ConsistentRead: true });
  return items.map(toGoal).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function getGoal(userId: string, id: string): Promise<GoalRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.goal(userId, id), ConsistentRead: true }));
  return out.Item ? toGoal(out.Item) : undefined;
}

/**
 * Creates a goal, counted against the user's cap of goals in the same transaction; false when the id exists.
 * @throws LimitExceededError at the cap (shared/domain/limits.ts).
 */
export async function createGoal(userId: string, goal: GoalRecord): Promise<boolean> {
  return createCounted(userId, 'goals', { Put: { TableName: tableName(), Item: { ...keys.goal(userId, goal.id), ...goal }, ConditionExpression: 'attribute_not_exists(pk)' } });
}

/** Replaces the goal stored at `expectedVersion` (a change or a contribution); false when it is gone or at another version. */
export async function replaceGoal(userId: string, goal: GoalRecord, expectedVersion: number): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.goal(userId, goal.id), ...goal },
        ConditionExpression: 'attribute_exists(pk) AND version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes a goal at `expectedVersion` and takes it off the user's count in one transaction; false when missing or at another version. */
export async function deleteGoal(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  return deleteCounted(userId, 'goals', {
    Delete: { TableName: tableName(), Key: keys.goal(userId, id), ConditionExpression: 'attribute_exists(pk) AND version = :v', ExpressionAttributeValues: { ':v': expectedVersion } },
  });
}
