import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AdviceRecord } from '../domain/advice/store';
import { AdviceInputsChanged } from '../../events/advice';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import { isErased } from './erased';
import * as keys from './keys';
import { newEvent, outboxPut } from './outbox';

/** How long the debounce marker outlives its last arming (one day). */
export const MARK_TTL_SECONDS = 86_400;

/** How long an advice no longer open (dismissed, applied) is kept: its id then stops holding the advice away. */
export const ADVICE_TTL_SECONDS = 400 * 86400;

const FIELDS = ['id', 'kind', 'subject', 'fingerprint', 'title', 'message', 'impact', 'evidence', 'action', 'status', 'useful', 'createdAt', 'updatedAt', 'feedbackAt', 'appliedBudgetIds'] as const;

function toRecord(item: Record<string, unknown>): AdviceRecord {
  return Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as AdviceRecord;
}

/** Every advice stored for the user (open, dismissed, applied): one Query of the `ADVICE#` items (bounded per user). */
export async function listAdvice(userId: string): Promise<AdviceRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':p': keys.advicePrefix },
  });
  return items.map(toRecord);
}

export async function getAdvice(userId: string, id: string): Promise<AdviceRecord | undefined> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.advice(userId, id), ConsistentRead: true }))).Item;
  return item ? toRecord(item) : undefined;
}

/**
 * Writes an open advice (new, or its figures changed) unless the stored one is no longer open: a dismissal or an
 * apply that landed meanwhile wins. False when it did not write.
 */
export async function putOpenAdvice(userId: string, record: AdviceRecord): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.advice(userId, record.id), ...record },
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Removes an open advice whose evidence is gone (a dismissed or applied one stays). */
export async function deleteOpenAdvice(userId: string, id: string): Promise<void> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.advice(userId, id), ConditionExpression: '#s = :open', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':open': 'open' } }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** Deletes an advice whatever its status (the oldest dismissed ones past the cap). */
export async function deleteAdvice(userId: string, id: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.advice(userId, id) }));
}

/**
 * Records feedback on an existing advice (`useful`; `status` dismissed or applied, with a TTL): undefined when the
 * user has no such advice.
 */
export async function updateAdvice(userId: string, id: string, changes: { useful?: boolean; status?: 'dismissed' | 'applied'; appliedBudgetIds?: string[] }, now: Date): Promise<AdviceRecord | undefined> {
  const sets = ['updatedAt = :now'];
  const values: Record<string, unknown> = { ':now': now.toISOString() };
  const names: Record<string, string> = {};
  if (changes.useful !== undefined) {
    sets.push('useful = :u, feedbackAt = :now');
    values[':u'] = changes.useful;
  }
  if (changes.status) {
    sets.push('#s = :s, expiresAt = :exp');
    names['#s'] = 'status';
    values[':s'] = changes.status;
    values[':exp'] = Math.floor(now.getTime() / 1000) + ADVICE_TTL_SECONDS;
  }
  if (changes.appliedBudgetIds) {
    sets.push('appliedBudgetIds = :b');
    values[':b'] = changes.appliedBudgetIds;
  }
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.advice(userId, id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toRecord(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/**
 * The debounce: notes `eventId` as the user's latest ledger event and arms a recompute due at `dueAt` unless one is
 * already armed (due in the future). True when this call armed it (the caller queues the delayed recompute); false
 * when a queued recompute, which reads the state after `dueAt`, covers the event, or the account is erased (a
 * read of the erasure mark first, see `isErased`). One conditional write each way.
 */
export async function armRecompute(userId: string, eventId: string | undefined, now: Date, dueAt: Date): Promise<boolean> {
  const at = now.toISOString();
  // A budget or goal write (no ledger event) arms without touching the noted event: the recompute waits for none.
  const noted = eventId === undefined ? '' : ', lastEventId = :e';
  const exp = Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS;
  // An erased account's late events (its deletes reach this queue after the partition is gone) write nothing.
  if (await isErased(userId)) return false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.adviceMark(userId),
          // A TTL: a marker no event arms again does not linger.
          UpdateExpression: `SET dueAt = :due${noted}, expiresAt = :exp`,
          ConditionExpression: 'attribute_not_exists(dueAt) OR dueAt < :now',
          ExpressionAttributeValues: { ':due': dueAt.toISOString(), ':now': at, ':exp': exp, ...(eventId === undefined ? {} : { ':e': eventId }) },
        }),
      );
      return true;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // An armed recompute, due later than this write, covers it.
      if (eventId === undefined) return false;
    }
    // Otherwise note the event on the armed recompute; if it came due between the two writes, arm again.
    if (await noteEvent(userId, eventId, now)) return false;
  }
  return true;
}

/** The debounce marker (a strongly consistent GetItem: 1 RCU, a fifth of a write's price). */
export async function recomputeMark(userId: string): Promise<{ dueAt: string; lastEventId?: string } | undefined> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.adviceMark(userId), ConsistentRead: true }))).Item;
  if (typeof item?.dueAt !== 'string') return undefined;
  return { dueAt: item.dueAt, ...(typeof item.lastEventId === 'string' ? { lastEventId: item.lastEventId } : {}) };
}

/**
 * Notes `eventId` as the latest ledger event while the armed recompute is not yet due (so it waits for the event to
 * be counted): one conditional write, false when no recompute is armed any more. An erased account's marker is
 * deleted with its partition, so nothing is written for it.
 */
export async function noteEvent(userId: string, eventId: string, now: Date): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.adviceMark(userId),
        UpdateExpression: 'SET lastEventId = :e',
        ConditionExpression: 'dueAt >= :now',
        ExpressionAttributeValues: { ':e': eventId, ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The latest ledger event the debounce noted for the user. */
export async function lastNotedEvent(userId: string): Promise<string | undefined> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.adviceMark(userId), ConsistentRead: true }))).Item;
  return typeof item?.lastEventId === 'string' ? item.lastEventId : undefined;
}

/** Whether the analytics consumer has counted a ledger event in the rollups (its dedup record exists). */
export async function eventApplied(eventId: string): Promise<boolean> {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.applied(eventId), ConsistentRead: true, ProjectionExpression: 'pk' }))).Item;
  return item !== undefined;
}

/**
 * Ids of the latest expenses of one category in a date range (newest first, at most `limit`): one Query of the
 * by-category index, bounded by `limit` — the evidence of an above-baseline advice.
 */
export async function categoryTransactionIds(userId: string, categoryId: string, from: string, to: string, limit: number): Promise<string[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.byCategoryIndex,
      KeyConditionExpression: keys.byCategoryCondition(true),
      ...keys.byCategoryValues(userId, categoryId, { from, to }, { '#t': 'type' }),
      ProjectionExpression: 'pk, sk, #t',
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).flatMap((i) => (i.type === 'expense' ? (keys.transactionOf(i)?.id ?? []) : []));
}

/**
 * Asks for the user's advice to be recomputed after a budget or goal write: one outbox item, which the relay
 * delivers to the `advice` queue as AdviceInputsChanged (so the writing HTTP function needs no queue access).
 */
export async function requestAdviceRefresh(userId: string, source: 'budget' | 'goal', now: Date): Promise<void> {
  await db().send(new PutCommand(outboxPut(newEvent(AdviceInputsChanged, { userId, source }, now)).Put));
}
