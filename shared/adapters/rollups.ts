import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pickStoredFields, type RollupDelta, type StoredFields } from '../domain/analytics';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import { keys } from './keys';

/**
 * Monthly rollups: `USER#<sub>` / `ROLLUP#<base>#<YYYY-MM>`, flat integer counters (shared/domain/analytics/fields.ts)
 * plus `updatedAt`. Each ledger event is applied once: a dedup record `APPLIED#<eventId>` is written in the SAME
 * transaction as the counters it adds.
 */
const rollupKey = keys.rollup;
const appliedKey = keys.applied;
/** Dedup records outlive any redelivery: SQS keeps messages ≤ 14 days (DLQ included). */
const APPLIED_TTL_SECONDS = 30 * 86400;

/**
 * A stored rollup as the read models take it. Its counters are sums of unbounded count, so they are read exactly:
 * numbers while safe, bigints beyond 2^53 (DynamoDB keeps 38 digits; `ADD` never overflows there).
 */
export interface StoredRollup {
  month: string;
  fields: StoredFields;
  updatedAt: string;
}

function toStored(item: Record<string, unknown>): StoredRollup {
  return { month: String(item.sk).slice(-7), fields: pickStoredFields(item), updatedAt: String(item.updatedAt ?? '') };
}

/** The Update that adds a delta to its rollup (creating it on first use). */
function addUpdate(userId: string, d: RollupDelta, now: string) {
  const names: Record<string, string> = { '#u': 'updatedAt' };
  const values: Record<string, unknown> = { ':now': now };
  const adds: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(d.fields)) {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    adds.push(`#f${i} :v${i}`);
    i++;
  }
  return {
    Update: {
      TableName: tableName(),
      Key: rollupKey(userId, d.key.baseCurrency, d.key.month),
      UpdateExpression: `SET #u = :now${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Applies the deltas of some events atomically with their dedup records, unless the account has been erased (its
 * late events must not recreate rollups). Changes nothing and says why when one of the events was already applied
 * (`duplicate`) or the account is gone (`erased`).
 */
export async function applyOnce(userId: string, eventIds: string[], deltas: RollupDelta[], now: Date): Promise<'applied' | 'duplicate' | 'erased'> {
  const at = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + APPLIED_TTL_SECONDS;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: tableName(), Key: keys.erased(userId), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...eventIds.map((id) => ({
            Put: { TableName: tableName(), Item: { ...appliedKey(id), userId, at, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
          ...deltas.map((d) => addUpdate(userId, d, at)),
        ],
      }),
    );
    return 'applied';
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons[0]?.Code === 'ConditionalCheckFailed' ? 'erased' : 'duplicate';
  }
}

/** Rollups of some months (BatchGet). */
export async function getRollups(userId: string, base: string, months: string[]): Promise<Map<string, StoredRollup>> {
  const out = new Map<string, StoredRollup>();
  if (months.length === 0) return out;
  let keysLeft: Record<string, unknown>[] = months.map((m) => rollupKey(userId, base, m));
  for (let attempt = 0; keysLeft.length > 0 && attempt < 8; attempt++) {
    const res = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keysLeft } } }));
    for (const item of res.Responses?.[tableName()] ?? []) {
      const r = toStored(item);
      out.set(r.month, r);
    }
    keysLeft = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return out;
}

/** Rollups of a range of months (one Query). */
export async function rollupRange(userId: string, base: string, from: string, to: string): Promise<StoredRollup[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':a': rollupKey(userId, base, from).sk, ':b': rollupKey(userId, base, to).sk },
  });
  return items.map(toStored);
}

/** Every rollup of a user, any base currency (repair), its counters exact at any size. */
export async function allRollups(userId: string): Promise<{ base: string; month: string; fields: StoredFields; updatedAt: string }[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.rollupPrefix } });
  return items.map((item) => {
    const [, base = '', month = ''] = String(item.sk).split('#');
    return { base, month, fields: pickStoredFields(item), updatedAt: String(item.updatedAt ?? '') };
  });
}

/**
 * Replaces a rollup with recounted fields, only if it was not updated since `expectedUpdatedAt` (a delta applied
 * meanwhile wins; the next repair looks again). A counter past 2^53 is a bigint, stored as an exact number.
 */
export async function replaceRollup(userId: string, base: string, month: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...rollupKey(userId, base, month), ...fields, updatedAt: now.toISOString(), repairedAt: now.toISOString() },
        ...(expectedUpdatedAt
          ? { ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': expectedUpdatedAt } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
