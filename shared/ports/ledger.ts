import type * as Adapter from '../adapters/ledger';
import type { DateRange, PendingRef, TransactionPage, TransactionRecord } from '../adapters/ledger';

/**
 * The ledger as use cases read and re-write it, in domain terms: transactions by date (an async iterator of pages),
 * the ones waiting for a rate, one by id, and a conditional replace. Implemented by shared/adapters/ledger.ts
 * (DynamoDB) and tests/support/memory/ledger.ts (unit tests).
 */
export interface LedgerPort {
  transactionsByDate(userId: string, range?: DateRange, filter?: { accountId?: string }, paging?: { limit?: number; cursor?: string; newestFirst?: boolean }): AsyncIterable<TransactionPage> & AsyncIterator<TransactionPage>;
  pendingConversions(range: Required<DateRange>, currencies: string[], cursor?: string): AsyncIterable<{ items: PendingRef[]; cursor: string | undefined }>;
  getTransaction(userId: string, id: string): Promise<TransactionRecord | undefined>;
  /** False when the stored transaction is no longer at `expectedVersion`. */
  replaceTransaction(t: TransactionRecord, expectedVersion: number): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const ledgerAdapterImplementsPort: typeof Adapter extends LedgerPort ? true : never = true;
