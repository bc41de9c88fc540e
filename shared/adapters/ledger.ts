import { GetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AnyBalanceDeltas } from '../domain/balances';
import { ValidationError } from '../domain/errors';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import * as keys from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { currentCorrelationId } from '../correlation';
import { storedFields, toTransaction } from './transaction-fields';

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
  /**
   * Who set `categoryId`: the user, a rule, the learned model, or the imported file; null when none is set (and on
   * transactions written before this was recorded).
   */
  categorySource?: 'user' | 'rule' | 'model' | 'import' | null;
  /** The model's confidence (0..1) when `categorySource` is `model`. */
  categoryConfidence?: number | null;
  importId: string | null;
  /** The bank's own id of the transaction (OFX FITID), for duplicate detection. */
  bankId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export { storedFields, toTransaction };

/**
 * The full item of a transaction: its stored fields (storedFields) plus keys, index keys, and the correlation id of
 * the request or message that writes it (`lastCorrelationId`): the relay builds TransactionRecorded/Updated from
 * the stream's images, which is the only way that id reaches those events and the consumers that log them.
 */
export function transactionItem(t: TransactionRecord): Record<string, unknown> {
  const correlationId = currentCorrelationId();
  return {
    ...keys.transaction(t.userId, t.id),
    ...storedFields(t),
    ...(t.fxStatus === 'pending' ? keys.fxPending(t.userId, t.date, t.id) : {}),
    ...(t.splits ? { splitCategories: t.splits.map((s) => s.categoryId) } : {}),
    ...(correlationId ? { lastCorrelationId: correlationId } : {}),
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

/**
 * Which items (by index) of a cancelled {@link transact} failed their condition; undefined when `e` is not a
 * cancelled transaction (the caller rethrows it).
 */
export function failedConditions(e: unknown): Set<number> | undefined {
  const reasons = (e as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if ((e as { name?: string }).name !== 'TransactionCanceledException' || !reasons) return undefined;
  return new Set(reasons.flatMap((r, i) => (r?.Code === 'ConditionalCheckFailed' ? [i] : [])));
}

/**
 * Replaces a stored transaction with `t` if it is still at `expectedVersion`. Answers false when it is not (a
 * concurrent edit or delete won); the caller decides what that means.
 */
export async function replaceTransaction(t: TransactionRecord, expectedVersion: number): Promise<boolean> {
  try {
    await transact([putTransaction(t, { version: expectedVersion })]);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
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
  keep: (item: Record<string, unknown>) => boolean = () => true,
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
      if (!keep(item)) continue;
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

/** A date range of transactions, inclusive at both ends (YYYY-MM-DD); an open end reads to the ledger's edge. */
export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * A stored transaction as a listing reads it: the record, plus the merchant key that items written before it was left
 * out still carry (duplicate detection computes it for the others, once per description).
 */
export type ListedTransaction = TransactionRecord & { merchantKey?: string };

/** A page of transactions read by date, with the opaque cursor that resumes after it (undefined on the last page). */
export interface TransactionPage {
  items: ListedTransaction[];
  cursor: string | undefined;
}

function listed(item: Record<string, unknown>): ListedTransaction {
  const t: ListedTransaction = toTransaction(item);
  if (typeof item.merchantKey === 'string' && item.merchantKey) t.merchantKey = item.merchantKey;
  return t;
}

/**
 * A user's transactions by date, oldest first (newest first with `newestFirst`), page by page as the caller iterates
 * (GSI5). With `accountId`, only transactions of that account on either side (source or transfer target). `limit`
 * caps each page; `cursor` resumes after a page an earlier call returned.
 */
export async function* transactionsByDate(
  userId: string,
  range: DateRange = {},
  filter: { accountId?: string } = {},
  paging: { limit?: number; cursor?: string; newestFirst?: boolean } = {},
): AsyncGenerator<TransactionPage> {
  const bounded = range.from !== undefined || range.to !== undefined;
  const input = {
    IndexName: keys.byDateIndex,
    KeyConditionExpression: bounded ? 'pk = :p AND #date BETWEEN :a AND :b' : 'pk = :p',
    ...(filter.accountId ? { FilterExpression: 'accountId = :acc OR toAccountId = :acc' } : {}),
    ...(bounded ? { ExpressionAttributeNames: { '#date': 'date' } } : {}),
    ExpressionAttributeValues: {
      ':p': keys.userPartition(userId),
      ...(bounded ? { ':a': range.from ?? '0000-00-00', ':b': range.to ?? '9999-99-99' } : {}),
      ...(filter.accountId ? { ':acc': filter.accountId } : {}),
    },
    ...(paging.limit ? { Limit: paging.limit } : {}),
    ...(paging.newestFirst ? { ScanIndexForward: false } : {}),
  };
  const start = paging.cursor ? (JSON.parse(paging.cursor) as Record<string, unknown>) : undefined;
  for await (const page of queryPages(input, start)) {
    yield { items: page.items.map(listed), cursor: page.lastKey ? JSON.stringify(page.lastKey) : undefined };
  }
}

/** What a transaction listing filters on (all optional; dates inclusive, amounts in minor units). */
export interface TransactionFilters {
  from?: string;
  to?: string;
  type?: string;
  categoryId?: string;
  accountId?: string;
  tag?: string;
  q?: string;
  minAmount?: number;
  maxAmount?: number;
}

/**
 * Whether a stored transaction's description or notes contain `q`, case-insensitively. Tested here rather than by
 * DynamoDB: its `contains` is case-sensitive, and a lower-cased copy of the text in every item (with its index copy)
 * cost more storage than the filter saves (a filter expression is billed for every item it reads anyway).
 */
function matchesText(q: string): (item: Record<string, unknown>) => boolean {
  const needle = q.toLowerCase();
  return (item) => `${typeof item.description === 'string' ? item.description : ''} ${typeof item.notes === 'string' ? item.notes : ''}`.toLowerCase().includes(needle);
}

/**
 * One page of a listing, newest first: a Query on the date index, the filters (the category among them) applied by
 * DynamoDB, at most `limit` items, and a cursor sealed to the caller and these filters
 * (shared/adapters/cursor.ts) that resumes after the page; null on the last page. Never a Scan.
 * @throws ValidationError for a cursor that is forged, another user's, or another query's.
 */
export async function transactionListing(userId: string, filters: TransactionFilters, limit: number, cursor?: string): Promise<{ items: TransactionRecord[]; nextCursor: string | null }> {
  const start = cursor ? await decodeCursor(cursor, userId, filters) : undefined;
  const names: Record<string, string> = { '#date': 'date' };
  const values: Record<string, unknown> = { ':pk': keys.userPartition(userId), ':from': filters.from ?? '0000-00-00', ':to': filters.to ?? '9999-99-99' };
  const conditions: string[] = [];
  if (filters.categoryId) {
    // The category index keeps only ids and amounts; a listing needs whole items, so it filters the date index.
    values[':cat'] = filters.categoryId;
    conditions.push('categoryId = :cat');
  }
  if (filters.type) {
    names['#type'] = 'type';
    values[':type'] = filters.type;
    conditions.push('#type = :type');
  }
  if (filters.accountId) {
    values[':acc'] = filters.accountId;
    conditions.push('(accountId = :acc OR toAccountId = :acc)');
  }
  if (filters.tag) {
    values[':tag'] = filters.tag.toLowerCase();
    conditions.push('contains(tags, :tag)');
  }
  if (filters.minAmount !== undefined) {
    values[':min'] = filters.minAmount;
    conditions.push('amount >= :min');
  }
  if (filters.maxAmount !== undefined) {
    values[':max'] = filters.maxAmount;
    conditions.push('amount <= :max');
  }
  // A cursor sealed before the date index held only transactions' own keys (or any other shape) is refused.
  if (start && (typeof start.date !== 'string' || !keys.transactionOf({ pk: keys.userPartition(userId), sk: start.sk }))) {
    throw new ValidationError('The cursor does not belong to this query.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  }
  const page = await queryMatching(
    {
      IndexName: keys.byDateIndex,
      KeyConditionExpression: 'pk = :pk AND #date BETWEEN :from AND :to',
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    ['pk', 'sk', 'date'],
    limit,
    start && { pk: keys.userPartition(userId), sk: start.sk, date: start.date },
    undefined,
    filters.q ? matchesText(filters.q) : undefined,
  );
  return {
    items: page.items.map(toTransaction),
    nextCursor: page.lastKey ? await encodeCursor(userId, filters, { sk: page.lastKey.sk, date: page.lastKey.date }) : null,
  };
}

/** A transaction waiting for an exchange rate, as the pending sweep reads it (GSI3). */
export interface PendingRef {
  userId: string;
  id: string;
}

/**
 * Transactions waiting for a rate dated in `range`, in one of `currencies` (as amount or base currency), page by page
 * (500 a page) with an opaque cursor. A set over 99 currencies (DynamoDB's IN takes at most 100 operands) is not
 * filtered: every pending transaction in the range is returned.
 */
export async function* pendingConversions(range: Required<DateRange>, currencies: string[], cursor?: string): AsyncGenerator<{ items: PendingRef[]; cursor: string | undefined }> {
  const filtered = currencies.length <= 99;
  const values: Record<string, unknown> = { ':p': keys.fxPendingPartition, ':from': keys.byDateFrom(range.from), ':to': keys.byDateTo(range.to) };
  if (filtered) currencies.forEach((c, i) => (values[`:c${i}`] = c));
  const list = currencies.map((_, i) => `:c${i}`).join(', ');
  const input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> = {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
    ...(filtered
      ? { FilterExpression: `#cur IN (${list}) OR #base IN (${list})`, ExpressionAttributeNames: { '#cur': 'currency', '#base': 'baseCurrency' } }
      : {}),
    ExpressionAttributeValues: values,
    ProjectionExpression: 'pk, sk',
    Limit: 500,
  };
  for await (const page of queryPages(input, cursor ? (JSON.parse(cursor) as Record<string, unknown>) : undefined)) {
    const items: PendingRef[] = [];
    for (const item of page.items) {
      const ref = keys.transactionOf(item);
      if (ref && ref.userId && ref.id) items.push(ref);
    }
    yield { items, cursor: page.lastKey ? JSON.stringify(page.lastKey) : undefined };
  }
}
