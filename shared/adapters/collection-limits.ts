import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, LimitExceededError } from '../domain/errors';
import { limitOf, type LimitedCollection } from '../domain/limits';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';

/**
 * Per-user caps enforced atomically. Each capped collection has a counter item (`USER#<sub>` / `LIMIT#<collection>`,
 * attribute `n`). A create is ONE TransactWriteItems: the item's conditional Put and `ADD n 1` on the counter under
 * the condition `n < max`; a delete is the item's Delete and `ADD n -1` in one transaction. So however many creates
 * race, at most `max` items exist: the condition and the increment are one atomic step on one item.
 *
 * Users whose data predates the counter have none: a create then counts the collection once (a consistent Query)
 * and puts the counter only if it still does not exist, before retrying. No create can slip in between the count
 * and the put, because every create needs the counter to exist. A delete racing the count may leave the counter one
 * too high (a user gets one fewer), never too low.
 */

type TxItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The key prefix of each collection's items in the user's partition (what the lazy count reads). */
const ITEM_PREFIX: Partial<Record<LimitedCollection, string>> = { rules: 'RULE#', accounts: 'ACCOUNT#', categories: 'CATEGORY#', goals: 'GOAL#', budgets: 'BUDGET#' };

function reasons(e: unknown): (string | undefined)[] {
  return ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
}

function increment(userId: string, collection: LimitedCollection, by: 1 | -1): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.limitCounter(userId, collection),
      UpdateExpression: 'ADD #n :by',
      ConditionExpression: by > 0 ? 'attribute_exists(#n) AND #n < :max' : 'attribute_exists(#n) AND #n > :zero',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: by > 0 ? { ':by': 1, ':max': limitOf(collection) } : { ':by': -1, ':zero': 0 },
    },
  };
}

async function counterValue(userId: string, collection: LimitedCollection): Promise<number | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.limitCounter(userId, collection), ConsistentRead: true }));
  return out.Item && typeof out.Item.n === 'number' ? out.Item.n : undefined;
}

/** Counts the collection's items once and creates the counter, unless another request created it meanwhile. */
async function initialiseCounter(userId: string, collection: LimitedCollection): Promise<void> {
  const prefix = ITEM_PREFIX[collection];
  const count = prefix
    ? (
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': prefix },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
        })
      ).length
    : 0;
  try {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...keys.limitCounter(userId, collection), n: count, collection }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

function exceeded(collection: LimitedCollection): LimitExceededError {
  const max = limitOf(collection);
  return new LimitExceededError(`You have reached the limit of ${max} ${collection}; delete one before creating another.`, collection, max);
}

/**
 * Creates an item of a capped collection: `put` (which must carry its own `attribute_not_exists` condition) and the
 * counter's increment in one transaction.
 * @returns `false` when `put`'s own condition failed (the item exists), `true` when created.
 * @throws LimitExceededError when the user already holds the collection's cap; ConflictError when concurrent
 * changes kept the write from settling after several tries.
 */
export async function createCounted(userId: string, collection: LimitedCollection, put: TxItem): Promise<boolean> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: [put, increment(userId, collection, 1)] }));
      return true;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const [item, counter] = reasons(e);
      if (item === 'ConditionalCheckFailed') return false;
      if (counter !== 'ConditionalCheckFailed') throw e;
      // The counter was missing or full when the write ran; what it is now says which (a concurrent request may
      // have created it meanwhile, or a delete freed a place: then try again).
      const n = await counterValue(userId, collection);
      if (n === undefined) await initialiseCounter(userId, collection);
      else if (n >= limitOf(collection)) throw exceeded(collection);
    }
  }
  throw new ConflictError(`Too many concurrent changes to your ${collection}; try again.`);
}

/**
 * Deletes an item of a capped collection: `del` (with its own conditions, e.g. `attribute_exists(pk)`) and the
 * counter's decrement in one transaction. A user without a counter yet has the item deleted alone (the count made
 * later sees it gone).
 * @returns `false` when `del`'s own condition failed, `true` when deleted.
 */
export async function deleteCounted(userId: string, collection: LimitedCollection, del: TxItem): Promise<boolean> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [del, increment(userId, collection, -1)] }));
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const [item, counter] = reasons(e);
    if (item === 'ConditionalCheckFailed') return false;
    if (counter !== 'ConditionalCheckFailed') throw e;
  }
  // No counter (or already 0): delete the item alone.
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [del] }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
