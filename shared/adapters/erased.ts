import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './dynamo';
import * as keys from './keys';

/**
 * Whether the account is marked erased (`markErased` in ./profiles.ts): a strongly consistent GetItem, 1 RCU.
 *
 * The consumers that write a user's derived items (rollups, merchant series, the category model, the advice marker)
 * read it before writing, instead of putting a ConditionCheck of the mark in their transaction: a ConditionCheck is
 * billed as a transactional write (2 WCU, ten times the price of the read) and it made their single writes
 * transactions (2× again). A write that races the erasure (read before the mark, landed after the partition was
 * deleted) is removed by the erasure's settle pass (`continueErasure`), which runs once more when every such write
 * has had time to land.
 */
export async function isErased(userId: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.erased(userId), ConsistentRead: true, ProjectionExpression: 'pk' }));
  return out.Item !== undefined;
}
