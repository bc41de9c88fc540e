import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Envelope } from '../../events/envelope';
import { UNCONFIRMED_ACCOUNT_DAYS } from '../domain/profile';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import * as keys from './keys';
import { outboxPut } from './outbox';
import type { TransactItem } from './profiles';

/**
 * Accounts whose address is not confirmed yet. Registration writes a marker in a partition per registration day
 * (`UNCONFIRMED#<day>`), in the same transaction as the profile; confirming deletes it in the same transaction that
 * marks the profile confirmed. The daily expiry sweep reads the partitions of recent days and deletes the accounts
 * whose marker is past `deleteAfter`. The marker also carries the table's TTL (well after `deleteAfter`) so a
 * marker the sweep never reached does not stay forever.
 */

/** How many days of partitions the sweep reads (so runs missed for a while are caught up). */
export const SWEEP_LOOKBACK_DAYS = 30;

const dayOf = (iso: string) => iso.slice(0, 10);

/** The marker Put of a new unconfirmed account, for registration's transaction. */
export function unconfirmedMarker(userId: string, createdAt: string): TransactItem {
  const created = Math.floor(Date.parse(createdAt) / 1000);
  const deleteAfter = created + UNCONFIRMED_ACCOUNT_DAYS * 86400;
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.unconfirmed(dayOf(createdAt), userId), userId, createdAt, deleteAfter, expiresAt: deleteAfter + (SWEEP_LOOKBACK_DAYS + 7) * 86400 },
    },
  };
}

/**
 * Marks the profile confirmed, removes its marker and writes `event` (the welcome follows from it), in one
 * transaction. Only the first confirmation does so: false when the profile was already confirmed or is missing.
 */
export async function markConfirmed(userId: string, createdAt: string, now: Date, event: Envelope): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.profile(userId),
              UpdateExpression: 'SET confirmedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(confirmedAt) OR confirmedAt = :null)',
              ExpressionAttributeValues: { ':now': now.toISOString(), ':null': null },
            },
          },
          { Delete: { TableName: tableName(), Key: keys.unconfirmed(dayOf(createdAt), userId) } },
          outboxPut(event),
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export interface ExpiredMarker {
  userId: string;
  createdAt: string;
}

/** Markers past their `deleteAfter`, oldest day first, over the last SWEEP_LOOKBACK_DAYS days. */
export async function* expiredMarkers(now: Date): AsyncGenerator<ExpiredMarker[]> {
  const nowS = Math.floor(now.getTime() / 1000);
  for (let back = SWEEP_LOOKBACK_DAYS; back >= 0; back--) {
    const day = new Date(now.getTime() - back * 86400_000).toISOString().slice(0, 10);
    const input = { KeyConditionExpression: 'pk = :pk', FilterExpression: 'deleteAfter <= :now', ExpressionAttributeValues: { ':pk': keys.unconfirmed(day, '').pk, ':now': nowS }, Limit: 100 };
    for await (const page of queryPages(input)) {
      const items = page.items.map((it) => ({ userId: String(it.userId), createdAt: String(it.createdAt) }));
      if (items.length > 0) yield items;
    }
  }
}

/** Forgets a marker (its account was confirmed meanwhile, or is deleted). */
export async function deleteMarker(marker: ExpiredMarker): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.unconfirmed(dayOf(marker.createdAt), marker.userId) }));
}
