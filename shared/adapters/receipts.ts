import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, tableName } from './dynamo';

/**
 * Receipts of side effects that cannot be undone (emails sent), keyed by the event that caused them, so a
 * redelivered message does not repeat them. Kept 14 days (longer than any queue retention).
 */
const TTL_SECONDS = 14 * 86400;

const key = (id: string) => ({ pk: `RECEIPT#${id}`, sk: 'RECEIPT' });

export async function hasReceipt(id: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }));
  return out.Item !== undefined;
}

export async function putReceipt(id: string, now: Date, detail: Record<string, unknown> = {}): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...key(id), ...detail, at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS } }));
}

/** Outcome of {@link claimReceipt}: this caller may act, someone already did, or someone is acting right now. */
export type ClaimOutcome = 'claimed' | 'done' | 'busy';

/**
 * Claims the right to perform a side effect once, before performing it: a conditional Put that succeeds only when
 * no receipt exists, or when an earlier claim was left unfinished for longer than `leaseMs` (its holder crashed
 * between claim and send). Two concurrent deliveries cannot both win. Finish with {@link putReceipt} (which marks it
 * done, with no `claimedAt`).
 */
export async function claimReceipt(id: string, now: Date, leaseMs: number): Promise<ClaimOutcome> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key(id), state: 'claimed', claimedAt: now.getTime(), at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':stale': now.getTime() - leaseMs },
      }),
    );
    return 'claimed';
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }));
    return out.Item?.state === 'claimed' ? 'busy' : 'done';
  }
}
