import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './dynamo';
import * as keys from './keys';

/** How long a dirty marker is kept: the reconcile reads yesterday's and today's; a fortnight covers a late rerun. */
export const DIRTY_TTL_SECONDS = 14 * 86400;

/**
 * Users this process has marked dirty today: marks are only ever removed by their TTL, so a second mark of the same
 * user and day would rewrite an item that is there (a write each batch of a busy user's events). Bounded: cleared
 * when the day turns or it reaches {@link MARKED_MAX}.
 */
const marked = { day: '', users: new Set<string>() };
const MARKED_MAX = 10_000;

/**
 * Notes that the user's rollups were written on the UTC day of `now`: an idempotent put (a redelivery rewrites it),
 * left out when this process already marked the user that day.
 */
export async function markDirty(userId: string, now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  if (marked.day !== day || marked.users.size >= MARKED_MAX) {
    marked.day = day;
    marked.users = new Set();
  }
  if (marked.users.has(userId)) return;
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.dirty(day, userId), expiresAt: Math.floor(now.getTime() / 1000) + DIRTY_TTL_SECONDS } }));
  marked.users.add(userId);
}

/**
 * One page of the users marked dirty on any of `days` in one shard, from where a previous page stopped (`start` is
 * `{ day, key }`); `next` is undefined after the last day's last page. Shaped as a users-index page for `sweepUsers`.
 */
export async function dirtyPage(days: string[], shard: number, start: Record<string, unknown> | undefined, size: number): Promise<{ profiles: { userId: string }[]; next?: Record<string, unknown> }> {
  let index = Math.max(0, typeof start?.day === 'number' ? start.day : 0);
  let key = start?.key as Record<string, unknown> | undefined;
  while (index < days.length) {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.dirtyPartition(days[index] as string, shard) }, ProjectionExpression: 'sk', ExclusiveStartKey: key, Limit: size }),
    );
    const profiles = (page.Items ?? []).map((i) => ({ userId: String(i.sk) }));
    const next = page.LastEvaluatedKey ? { day: index, key: page.LastEvaluatedKey } : index + 1 < days.length ? { day: index + 1 } : undefined;
    if (profiles.length > 0 || !next) return { profiles, ...(next ? { next } : {}) };
    index = next.day;
    key = 'key' in next ? next.key : undefined;
  }
  return { profiles: [] };
}
