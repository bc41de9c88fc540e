import type { TransactionRecord } from './ledger';
import * as keys from './keys';

/**
 * A transaction's fields as the table stores them and as they are read back, with no I/O (the stream relay uses it
 * without the DynamoDB client).
 */

const TX_FIELDS: (keyof TransactionRecord)[] = [
  'id', 'userId', 'type', 'amount', 'currency', 'date', 'description', 'categoryId', 'accountId', 'toAccountId', 'tags', 'notes', 'splits',
  'baseAmount', 'baseCurrency', 'fxRate', 'fxDate', 'fxStatus', 'appliedRules', 'manualFields', 'importId', 'bankId', 'version', 'createdAt', 'updatedAt',
  'categorySource', 'categoryConfidence',
];

/**
 * A transaction item read back as its record: an absent field is null (lists: []); the id and owner come from the
 * item's keys, and `updatedAt` is `createdAt` when the item has none (see {@link storedFields}). Items written before
 * those were left out still carry them, and read the same.
 */
export function toTransaction(item: Record<string, unknown>): TransactionRecord {
  const t = Object.fromEntries(TX_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as TransactionRecord;
  const owner = keys.transactionOf(item);
  if (owner) {
    t.id ??= owner.id;
    t.userId ??= owner.userId;
  }
  t.updatedAt ??= t.createdAt;
  t.tags = (item.tags as string[] | undefined) ?? [];
  t.appliedRules = (item.appliedRules as string[] | undefined) ?? [];
  t.manualFields = (item.manualFields as string[] | undefined) ?? [];
  return t;
}

/**
 * The record's fields as stored. Every transaction item is kept three times (the table, the date index's whole copy
 * and the by-category index's partial one), so what can be read back without storing it is left out: a null or an
 * empty list (read back as null or []), the id and owner (the item's keys name them) and an `updatedAt` equal to
 * `createdAt` (never edited). That is about a fifth of each copy.
 */
export function storedFields(t: TransactionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    if (k === 'id' || k === 'userId' || (k === 'updatedAt' && v === t.createdAt)) continue;
    if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out;
}
