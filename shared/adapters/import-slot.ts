import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, tableName } from './dynamo';
import { keys } from './keys';

/**
 * A user's import slot: at most one import per user is queued or running at a time (dry runs included), so one
 * user cannot hold many import workers at once. The slot names its import and expires (a worker that died frees it);
 * the import extends it on every delivery and gives it back when it completes or fails.
 *
 * Claims the slot for `importId` for `seconds` from `now`: true when the slot was free, expired, or already this
 * import's (which extends it). One conditional write, so two imports sent at once cannot both get it.
 */
export async function claimImportSlot(userId: string, importId: string, now: Date, seconds: number): Promise<boolean> {
  const at = Math.floor(now.getTime() / 1000);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.importSlot(userId), importId, claimedAt: now.toISOString(), expiresAt: at + seconds },
        ConditionExpression: 'attribute_not_exists(pk) OR importId = :me OR expiresAt < :now',
        ExpressionAttributeValues: { ':me': importId, ':now': at },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The import holding the user's slot now (undefined when free or expired). */
export async function importSlotHolder(userId: string, now: Date): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.importSlot(userId), ConsistentRead: true }));
  const item = out.Item;
  if (!item || Number(item.expiresAt) < Math.floor(now.getTime() / 1000)) return undefined;
  return String(item.importId);
}

/** Frees the user's slot, if `importId` still holds it. */
export async function releaseImportSlot(userId: string, importId: string): Promise<void> {
  await db()
    .send(new DeleteCommand({ TableName: tableName(), Key: keys.importSlot(userId), ConditionExpression: 'importId = :me', ExpressionAttributeValues: { ':me': importId } }))
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}
