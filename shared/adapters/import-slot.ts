import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './dynamo';
import { claimHold, releaseHold } from './imports';
import * as keys from './keys';

/**
 * A user's import slot: at most one import per user is queued or running at a time (dry runs included), so one
 * user cannot hold many import workers at once. The slot names its import and expires (a worker that died frees it);
 * the import extends it on every delivery and gives it back when it completes or fails.
 *
 * Claims the slot for `importId` for `seconds` from `now`: true when the slot was free, expired, or already this
 * import's (which extends it). One conditional write, so two imports sent at once cannot both get it.
 */
export async function claimImportSlot(userId: string, importId: string, now: Date, seconds: number): Promise<boolean> {
  return claimHold(keys.importSlot(userId), importId, now, seconds, { claimedAt: now.toISOString() });
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
  await releaseHold(keys.importSlot(userId), importId);
}
