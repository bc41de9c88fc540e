import type { DateRange, PendingRef, TransactionPage, TransactionRecord } from '../../../shared/adapters/ledger';
import type { LedgerPort } from '../../../shared/ports/ledger';

/**
 * An in-memory ledger implementing {@link LedgerPort} with DynamoDB's observable behaviour: transactions by date in
 * `date#id` order, inclusive date ranges, a page `limit` and an opaque cursor, a version-conditional replace.
 * Use as the ledger adapter in unit tests: `vi.mock('…/shared/adapters/ledger', () => import('…/memory/ledger'))`.
 */
export const memory = {
  txs: new Map<string, TransactionRecord>(),
  /** Every successful replace, in order. */
  writes: [] as TransactionRecord[],
  /** Items per page of the pending index (DynamoDB's Limit there is 500). */
  pendingPageSize: 500,
  reset(records: TransactionRecord[] = []): void {
    this.txs = new Map(records.map((t) => [`${t.userId}/${t.id}`, structuredClone(t)]));
    this.writes = [];
    this.pendingPageSize = 500;
  },
};

const byDateKey = (t: TransactionRecord) => `${t.date}#${t.id}`;

export async function* transactionsByDate(userId: string, range: DateRange = {}, filter: { accountId?: string } = {}, paging: { limit?: number; cursor?: string; newestFirst?: boolean } = {}): AsyncGenerator<TransactionPage> {
  const order = paging.newestFirst ? -1 : 1;
  const all = [...memory.txs.values()]
    .filter((t) => t.userId === userId && (range.from === undefined || t.date >= range.from) && (range.to === undefined || t.date <= range.to))
    .sort((a, b) => (byDateKey(a) < byDateKey(b) ? -order : order));
  const limit = paging.limit ?? 1000;
  const after = paging.cursor;
  let start = after ? all.findIndex((t) => (paging.newestFirst ? byDateKey(t) < after : byDateKey(t) > after)) : 0;
  if (start < 0) start = all.length;
  do {
    const read = all.slice(start, start + limit);
    start += read.length;
    const items = read.filter((t) => !filter.accountId || t.accountId === filter.accountId || t.toAccountId === filter.accountId).map((t) => structuredClone(t));
    const last = read.at(-1);
    yield { items, cursor: start < all.length && last ? byDateKey(last) : undefined };
  } while (start < all.length);
}

export async function* pendingConversions(range: Required<DateRange>, currencies: string[], cursor?: string): AsyncGenerator<{ items: PendingRef[]; cursor: string | undefined }> {
  const keyOf = (t: TransactionRecord) => `${t.date}#${t.userId}#${t.id}`;
  const items = [...memory.txs.values()]
    .filter((t) => t.fxStatus === 'pending' && t.date >= range.from && t.date <= range.to && (currencies.length > 99 || currencies.includes(t.currency) || currencies.includes(t.baseCurrency)))
    .filter((t) => !cursor || keyOf(t) > cursor)
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  for (let i = 0; i < items.length || i === 0; i += memory.pendingPageSize) {
    const page = items.slice(i, i + memory.pendingPageSize);
    const last = page.at(-1);
    yield { items: page.map((t) => ({ userId: t.userId, id: t.id })), cursor: i + memory.pendingPageSize < items.length && last ? keyOf(last) : undefined };
  }
}

export async function getTransaction(userId: string, id: string): Promise<TransactionRecord | undefined> {
  const t = memory.txs.get(`${userId}/${id}`);
  return t && structuredClone(t);
}

export async function replaceTransaction(t: TransactionRecord, expectedVersion: number): Promise<boolean> {
  const key = `${t.userId}/${t.id}`;
  if (memory.txs.get(key)?.version !== expectedVersion) return false;
  memory.txs.set(key, structuredClone(t));
  memory.writes.push(structuredClone(t));
  return true;
}

export const ledgerMemoryImplementsPort: LedgerPort = { transactionsByDate, pendingConversions, getTransaction, replaceTransaction };

/**
 * One write of a transaction, as the in-memory `transact` runs it: all conditions are checked first, then every
 * write applies, or none (TransactWriteItems' all-or-nothing, with its TransactionCanceledException reasons).
 */
export interface MemoryTxItem {
  check(): boolean;
  apply(): void;
}

/** Other in-memory stores a transaction can touch (accounts' balances, idempotency records) register their items here. */
export const memoryWrites = {
  /** Accounts by `userId/accountId`, for balance updates; set by the test (e.g. the in-memory accounts' map). */
  accounts: undefined as Map<string, { txCount: number; balances: Record<string, number | bigint>; updatedAt: string }> | undefined,
};

export function putTransaction(t: TransactionRecord, condition: 'new' | { version: number }): MemoryTxItem {
  const key = `${t.userId}/${t.id}`;
  return {
    check: () => (condition === 'new' ? !memory.txs.has(key) : memory.txs.get(key)?.version === condition.version),
    apply: () => {
      memory.txs.set(key, structuredClone(t));
      memory.writes.push(structuredClone(t));
    },
  };
}

export function deleteTransactionItem(userId: string, id: string, version: number): MemoryTxItem {
  const key = `${userId}/${id}`;
  return { check: () => memory.txs.get(key)?.version === version, apply: () => void memory.txs.delete(key) };
}

export function balanceUpdates(userId: string, deltas: ReadonlyMap<string, { readonly currencies: ReadonlyMap<string, number | bigint>; readonly count: number }>, now: string): MemoryTxItem[] {
  return [...deltas.entries()].map(([accountId, d]) => ({
    check: () => memoryWrites.accounts?.has(`${userId}/${accountId}`) === true,
    apply: () => {
      const a = memoryWrites.accounts?.get(`${userId}/${accountId}`);
      if (!a) return;
      for (const [currency, amount] of d.currencies) a.balances[currency] = Number(a.balances[currency] ?? 0) + Number(amount);
      a.txCount += d.count;
      a.updatedAt = now;
    },
  }));
}

export async function transact(items: MemoryTxItem[]): Promise<void> {
  const passed = items.map((i) => i.check());
  if (passed.every(Boolean)) {
    for (const i of items) i.apply();
    return;
  }
  throw Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: passed.map((ok) => ({ Code: ok ? 'None' : 'ConditionalCheckFailed' })),
  });
}

/** As the adapter's: the indexes whose condition failed in a cancelled {@link transact}. */
export function failedConditions(e: unknown): Set<number> | undefined {
  const reasons = (e as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if ((e as { name?: string }).name !== 'TransactionCanceledException' || !reasons) return undefined;
  return new Set(reasons.flatMap((r, i) => (r?.Code === 'ConditionalCheckFailed' ? [i] : [])));
}
