import type { TransactionRecord } from './ledger';

/**
 * A transaction's fields as the table stores them and as they are read back, with no I/O (the stream relay uses it
 * without the DynamoDB client).
 */

const TX_FIELDS: (keyof TransactionRecord)[] = [
  'id', 'userId', 'type', 'amount', 'currency', 'date', 'description', 'categoryId', 'accountId', 'toAccountId', 'tags', 'notes', 'splits',
  'baseAmount', 'baseCurrency', 'fxRate', 'fxDate', 'fxStatus', 'appliedRules', 'manualFields', 'importId', 'bankId', 'version', 'createdAt', 'updatedAt',
  'categorySource', 'categoryConfidence',
];

/** A transaction item read back as its record: an absent field is null (lists: []). */
export function toTransaction(item: Record<string, unknown>): TransactionRecord {
  const t = Object.fromEntries(TX_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as TransactionRecord;
  t.tags = (item.tags as string[] | undefined) ?? [];
  t.appliedRules = (item.appliedRules as string[] | undefined) ?? [];
  t.manualFields = (item.manualFields as string[] | undefined) ?? [];
  return t;
}

/**
 * The record's fields as stored: a null or an empty list is left out (toTransaction reads an absent field back as
 * null or []). Every transaction item is kept three times (the table and two indexes that project ALL), and a null
 * attribute still costs its name: leaving them out stores about a fifth less per transaction.
 */
export function storedFields(t: TransactionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out;
}

