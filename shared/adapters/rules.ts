import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createCounted, deleteCounted } from './collection-limits';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';

/** A stored categorisation rule (see shared/domain/rules for its meaning). */
export interface RuleRecord {
  id: string;
  name: string;
  priority: number;
  enabled: boolean;
  conditions: {
    descriptionContains?: string;
    descriptionRegex?: string;
    amountMin?: number;
    amountMax?: number;
    accountId?: string;
    type?: 'expense' | 'income' | 'transfer';
  };
  actions: { categoryId?: string; tags?: string[] };
  version: number;
  createdAt: string;
  updatedAt: string;
}

function toRule(item: Record<string, unknown>): RuleRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as RuleRecord;
}

export async function listRules(userId: string): Promise<RuleRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': 'RULE#' } });
  return items.map(toRule).sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
}

export async function getRule(userId: string, id: string): Promise<RuleRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.rule(userId, id), ConsistentRead: true }));
  return out.Item ? toRule(out.Item) : undefined;
}

/**
 * Writes a rule: new (must not exist; counted against the user's cap of rules in the same transaction) or replacing
 * the given version. False when the condition failed.
 * @throws LimitExceededError when a new rule would pass the cap (shared/domain/limits.ts).
 */
export async function putRule(userId: string, rule: RuleRecord, expectedVersion?: number): Promise<boolean> {
  if (expectedVersion === undefined) {
    return createCounted(userId, 'rules', { Put: { TableName: tableName(), Item: { ...keys.rule(userId, rule.id), ...rule }, ConditionExpression: 'attribute_not_exists(pk)' } });
  }
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.rule(userId, rule.id), ...rule },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes a rule at `expectedVersion` and takes it off the user's count in one transaction; false when missing or at another version. */
export async function deleteRule(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  return deleteCounted(userId, 'rules', {
    Delete: { TableName: tableName(), Key: keys.rule(userId, id), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } },
  });
}

/**
 * Stores the compiled program of a pattern rule saved before programs were stored (`npm run migrate-rules`), without
 * changing its version: the rule's content and ETag stay the same. Written only while the rule is still at
 * `version` with the same pattern and no program, so an edit made meanwhile (which stores its own) always wins.
 * False when that condition failed.
 */
export async function storeRuleProgram(userId: string, rule: Pick<RuleRecord, 'id' | 'version'> & { pattern: string }, program: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rule(userId, rule.id),
        UpdateExpression: 'SET patternProgram = :p',
        ConditionExpression: 'version = :v AND #c.descriptionRegex = :src AND attribute_not_exists(patternProgram)',
        ExpressionAttributeNames: { '#c': 'conditions' },
        ExpressionAttributeValues: { ':p': program, ':v': rule.version, ':src': rule.pattern },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
