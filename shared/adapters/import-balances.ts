import { addBalanceDeltas, type AnyBalanceDeltas, type ExactBalanceDeltas } from '../domain/balances';
import { NotFoundError } from '../domain/errors';
import { readInt, toExactMinor, type ExactMinor } from '../domain/money/exact';
import { isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';
import { balanceUpdates, putTransaction, transact, type TransactionRecord } from './ledger';

/**
 * Balance changes of an import's groups, kept beside its rows until folded into the accounts.
 *
 * An import writes its groups in parallel. Were each group to update the account's balance, every writer would
 * contend on that one item (DynamoDB cancels concurrent transactions on the same item with TransactionConflict).
 * Instead each group puts its own delta item in the same all-or-nothing write as its rows, and the worker folds the
 * deltas into the account afterwards, a batch at a time, each batch deleting the delta items it adds in the same
 * transaction: a delta is counted exactly once, whichever delivery folds it and however often.
 */

/** Delta items live in the import's partition; kept as long as its report, should a fold never happen. */
const DELTA_TTL = 90 * 86400;
/** Delta items folded per transaction (the rest of the 100-item limit is for the account updates). */
const FOLD_BATCH = 90;

type TxItem = Parameters<typeof transact>[0][number];
/**
 * A delta item's JSON: per account, its currencies' deltas and its count. A delta is an {@link ExactMinor} (a number
 * while safe, else a string of digits), since JSON numbers past 2^53 lose units.
 */
type Serialized = [accountId: string, currencies: [string, ExactMinor][], count: number][];

/** The JSON of a group's deltas (exported for unit tests). */
export function serializeDeltas(deltas: AnyBalanceDeltas): string {
  const out: Serialized = [...deltas].map(([id, d]) => [id, [...d.currencies].map(([c, v]): [string, ExactMinor] => [c, toExactMinor(BigInt(v))]), d.count]);
  return JSON.stringify(out);
}

/**
 * Adds the deltas of one stored item to `into`, exactly: a fold sums up to 90 groups of 90 rows, past 2^53 with
 * amounts near the ceiling. A malformed delta is refused rather than counted wrong.
 */
export function addSerializedDeltas(into: ExactBalanceDeltas, json: string): ExactBalanceDeltas {
  const more: ExactBalanceDeltas = new Map();
  for (const [id, currencies, count] of JSON.parse(json) as Serialized) {
    const exact = new Map<string, bigint>();
    for (const [c, v] of currencies) {
      const big = readInt(v);
      if (big === undefined) throw new Error(`The balance delta of account ${id} in ${c} is not an integer: ${JSON.stringify(v)}`);
      exact.set(c, big);
    }
    addBalanceDeltas(more, new Map([[id, { currencies: exact, count: Number(count) }]]));
  }
  return addBalanceDeltas(into, more);
}

/**
 * The put of one group's balance change, for the group's own TransactWriteItems. `groupKey` names the group (its
 * first transaction id): the put fails its condition if that group was recorded already.
 */
export function importDeltaPut(userId: string, importId: string, groupKey: string, deltas: AnyBalanceDeltas, now: Date): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.importDelta(userId, importId, groupKey), deltas: serializeDeltas(deltas), expiresAt: Math.floor(now.getTime() / 1000) + DELTA_TTL },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Adds every pending delta of an import to its accounts' balances and removes the deltas, in one transaction per
 * batch of 90 (serial: one writer on the account). Returns how many deltas were folded. An account that no longer
 * exists is a NotFoundError; deltas folded meanwhile by another delivery are skipped.
 */
export async function foldImportDeltas(userId: string, importId: string, now: Date): Promise<number> {
  let folded = 0;
  for (let pass = 0; pass < 5; pass++) {
    const pending = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':pk': keys.importPartition(userId, importId), ':d': keys.importDeltaPrefix },
      ConsistentRead: true,
    });
    if (pending.length === 0) return folded;
    let raced = false;
    for (let i = 0; i < pending.length; i += FOLD_BATCH) {
      const batch = pending.slice(i, i + FOLD_BATCH);
      const sum: ExactBalanceDeltas = new Map();
      for (const item of batch) addSerializedDeltas(sum, String(item.deltas));
      const updates = balanceUpdates(userId, sum, now.toISOString());
      const deletes: TxItem[] = batch.map((item) => ({
        Delete: { TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' },
      }));
      try {
        await transact([...updates, ...deletes]);
        folded += batch.length;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons.slice(0, updates.length).some((r) => r.Code === 'ConditionalCheckFailed')) {
          throw new NotFoundError(`The account of import ${importId} no longer exists; its balance could not be updated.`);
        }
        raced = true; // another delivery folded some of these: read what is left
      }
    }
    if (!raced) return folded;
  }
  return folded;
}

/**
 * Writes one group of an import's transactions with its balance change, all or nothing: `direct` updates the
 * accounts' balances in the same write (the account must exist), otherwise the change is put as a delta item of the
 * import, folded later by {@link foldImportDeltas}. Answers false when the write was refused by a condition: the
 * group was already written by an earlier delivery, or (direct) the account is gone.
 */
export async function writeImportGroup(userId: string, importId: string, group: TransactionRecord[], deltas: AnyBalanceDeltas, direct: boolean, now: Date): Promise<boolean> {
  const balance = direct ? balanceUpdates(userId, deltas, now.toISOString()) : [importDeltaPut(userId, importId, group[0]?.id ?? '', deltas, now)];
  try {
    await transact([...group.map((t) => putTransaction(t, 'new')), ...balance]);
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return false;
  }
}
