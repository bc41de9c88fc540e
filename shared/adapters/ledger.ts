import { GetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AnyBalanceDeltas } from '../domain/balances';
import { merchantKey } from '../domain/ledger';
import { db, tableName } from './dynamo';
import { keys } from './keys';

/** A stored transaction (the API's Transaction plus what storage and rules need). */
export interface TransactionRecord {
  id: string;
  userId: string;
  type: 'expense' | 'income' | 'transfer';
  amount: number;
  currency: string;
  date: string;
  description: string;
  categoryId: string | null;
  accountId: string | null;
  toAccountId: string | null;
  tags: string[];
  notes: string | null;
  splits: { categoryId: string; amount: number }[] | null;
  baseAmount: number | null;
  baseCurrency: string;
  fxRate: string | null;
  fxDate: string | null;
  fxStatus: 'converted' | 'pending';
  appliedRules: string[];
  /** Fields the user set by hand; rules never overwrite them. */
  manualFields: string[];
  importId: string | null;
  /** The bank's own id of the transaction (OFX FITID), for duplicate detection. */
  bankId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const TX_FIELDS: (keyof TransactionRecord)[] = [
  'id', 'userId', 'type', 'amount', 'currency', 'date', 'description', 'categoryId', 'accountId', 'toAccountId', 'tags', 'notes', 'splits',
  'baseAmount', 'baseCurrency', 'fxRate', 'fxDate', 'fxStatus', 'appliedRules', 'manualFields', 'importId', 'bankId', 'version', 'createdAt', 'updatedAt',
];

export function toTransaction(item: Record<string, unknown>): TransactionRecord {
  const t = Object.fromEntries(TX_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as TransactionRecord;
  t.tags = (item.tags as string[] | undefined) ?? [];
  t.appliedRules = (item.appliedRules as string[] | undefined) ?? [];
  t.manualFields = (item.manualFields as string[] | undefined) ?? [];
  return t;
}

/** The full item of a transaction: record plus keys, index keys, and derived search fields. */
export function transactionItem(t: TransactionRecord): Record<string, unknown> {
  return {
    ...keys.transaction(t.userId, t.id),
    ...t,
    ...keys.byDate(t.userId, t.date, t.id),
    ...(t.categoryId ? keys.byCategory(t.userId, t.categoryId, t.date, t.id) : {}),
    ...(t.fxStatus === 'pending' ? keys.fxPending(t.userId, t.date, t.id) : {}),
    search: `${t.description} ${t.notes ?? ''}`.toLowerCase(),
    merchantKey: merchantKey(t.description),
    ...(t.splits ? { splitCategories: t.splits.map((s) => s.categoryId) } : {}),
  };
}

type TxItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * Updates of account items for balance deltas: each must exist (an unknown account cancels the write). A delta may
 * be a bigint (a sum past 2^53): the document client writes it as an exact DynamoDB number.
 */
export function balanceUpdates(userId: string, deltas: AnyBalanceDeltas, now: string): TxItem[] {
  return [...deltas.entries()].map(([accountId, d]) => {
    const names: Record<string, string> = { '#b': 'balances' };
    const values: Record<string, unknown> = { ':n': d.count, ':now': now, ':zero': 0 };
    const sets = ['updatedAt = :now'];
    let i = 0;
    for (const [currency, amount] of d.currencies) {
      names[`#c${i}`] = currency;
      values[`:d${i}`] = amount;
      sets.push(`#b.#c${i} = if_not_exists(#b.#c${i}, :zero) + :d${i}`);
      i++;
    }
    return {
      Update: {
        TableName: tableName(),
        Key: keys.account(userId, accountId),
        UpdateExpression: `SET ${sets.join(', ')} ADD txCount :n`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

export async function getTransaction(userId: string, id: string): Promise<TransactionRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.transaction(userId, id), ConsistentRead: true }));
  return out.Item ? toTransaction(out.Item) : undefined;
}

/** Runs one all-or-nothing write (up to 100 items). */
export async function transact(items: TxItem[]): Promise<void> {
  await db().send(new TransactWriteCommand({ TransactItems: items }));
}

export function putTransaction(t: TransactionRecord, condition: 'new' | { version: number }): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: transactionItem(t),
      ...(condition === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': condition.version } }),
    },
  };
}

export function deleteTransactionItem(userId: string, id: string, version: number): TxItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.transaction(userId, id),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': version },
    },
  };
}

/** A page of items read through an index, with the key of the last item returned (for a cursor). */
export interface Page<T> {
  items: T[];
  lastKey: Record<string, unknown> | undefined;
}

/**
 * Reads matching items from a query, page by page, until `limit` items matched or `maxScanned` items were read.
 * The returned `lastKey` is the key of the last item RETURNED (not the last read), so the next page resumes exactly
 * after it; undefined when nothing remains.
 */
export async function queryMatching(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  keyAttributes: string[],
  limit: number,
  startKey: Record<string, unknown> | undefined,
  maxScanned = 5000,
): Promise<Page<Record<string, unknown>>> {
  const items: Record<string, unknown>[] = [];
  let start = startKey;
  let scanned = 0;
  for (;;) {
    const page = await db().send(
      new QueryCommand({ ...input, TableName: tableName(), Limit: Math.min(1000, Math.max(limit * 2, 100)), ExclusiveStartKey: start }),
    );
    scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      items.push(item);
      if (items.length === limit) {
        return { items, lastKey: Object.fromEntries(keyAttributes.map((k) => [k, item[k]])) };
      }
    }
    start = page.LastEvaluatedKey;
    if (!start) return { items, lastKey: undefined };
    if (scanned >= maxScanned) return { items, lastKey: start };
  }
}
