import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** What consumers see of a transaction: the fields analytics and alerts depend on. */
export const TransactionSnapshot = /*#__PURE__*/ (() => z.object({
  id: z.string(),
  userId: z.string(),
  type: z.enum(['expense', 'income', 'transfer']),
  amount: z.int(),
  currency: z.string(),
  date: z.string(),
  description: z.string(),
  categoryId: z.nullable(z.string()),
  accountId: z.nullable(z.string()),
  toAccountId: z.nullable(z.string()),
  splits: z.nullable(z.array(z.object({ categoryId: z.string(), amount: z.int() }))),
  tags: z.array(z.string()),
  baseAmount: z.nullable(z.int()),
  baseCurrency: z.string(),
  fxStatus: z.enum(['converted', 'pending']),
  version: z.int(),
  /** Who set categoryId (absent on items written before it was kept): the categoriser learns only from user and import. */
  categorySource: z.optional(z.nullable(z.enum(['user', 'rule', 'model', 'import']))),
}))();
export type TransactionSnapshot = z.infer<typeof TransactionSnapshot>;

const Change = /*#__PURE__*/ (() => z.object({ userId: z.string(), transactionId: z.string(), before: z.nullable(TransactionSnapshot), after: z.nullable(TransactionSnapshot) }))();
/** What every ledger event carries: the transaction's images before and after the change (null: none). */
export type LedgerChange = z.infer<typeof Change>;

/**
 * Ledger changes, derived from the table's stream (old and new images of each transaction item), so every
 * acknowledged write produces its event even if the writer dies right after. The event id is
 * `<transactionId>@<version>` (deletes: `<transactionId>@<version>-deleted`): a re-published event keeps its id.
 */
export const TransactionRecorded = /*#__PURE__*/ (() => eventContract('TransactionRecorded', 1, Change))();
export const TransactionUpdated = /*#__PURE__*/ (() => eventContract('TransactionUpdated', 1, Change))();
export const TransactionDeleted = /*#__PURE__*/ (() => eventContract('TransactionDeleted', 1, Change))();
