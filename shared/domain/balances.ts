/**
 * How a transaction moves account balances: expense takes `amount` out of its account, income puts it in, a transfer
 * moves it from `accountId` to `toAccountId`. Balances are kept per account and per currency, in minor units,
 * never converted.
 */
export interface BalanceInput {
  type: 'expense' | 'income' | 'transfer';
  amount: number;
  currency: string;
  accountId: string | null;
  toAccountId: string | null;
}

/** Per account: per currency delta, and the change in the number of transactions touching it. */
export type BalanceDeltas = Map<string, { currencies: Map<string, number>; count: number }>;

/**
 * Balance deltas summed exactly: per account, per currency, in BigInt. The deltas of one transaction fit a number
 * (|amount| ≤ 10^13), but a sum over many (an import's groups, ~900 rows at the ceiling) passes 2^53, where a JS
 * number loses units and the DynamoDB SDK refuses to write it. The SDK writes a bigint as an exact DynamoDB number.
 */
export type ExactBalanceDeltas = Map<string, { currencies: Map<string, bigint>; count: number }>;

/** Balance deltas of either kind, read only (what {@link addBalanceDeltas} adds). */
export type AnyBalanceDeltas = ReadonlyMap<string, { readonly currencies: ReadonlyMap<string, number | bigint>; readonly count: number }>;

/** Adds `more` into `into`, exactly (never rounds, never overflows), and returns `into`. */
export function addBalanceDeltas(into: ExactBalanceDeltas, more: AnyBalanceDeltas): ExactBalanceDeltas {
  for (const [accountId, d] of more) {
    const entry = into.get(accountId) ?? { currencies: new Map<string, bigint>(), count: 0 };
    for (const [currency, value] of d.currencies) entry.currencies.set(currency, (entry.currencies.get(currency) ?? 0n) + BigInt(value));
    entry.count += d.count;
    into.set(accountId, entry);
  }
  return into;
}

function add(deltas: BalanceDeltas, accountId: string, currency: string, amount: number, count: number): void {
  const entry = deltas.get(accountId) ?? { currencies: new Map<string, number>(), count: 0 };
  entry.currencies.set(currency, (entry.currencies.get(currency) ?? 0) + amount);
  entry.count += count;
  deltas.set(accountId, entry);
}

/** The balance movements of replacing `before` by `after` (either may be absent: create, delete). */
export function balanceDeltas(before: BalanceInput | undefined, after: BalanceInput | undefined): BalanceDeltas {
  const deltas: BalanceDeltas = new Map();
  const apply = (t: BalanceInput, sign: 1 | -1) => {
    if (t.type === 'transfer') {
      if (t.accountId) add(deltas, t.accountId, t.currency, -t.amount * sign, sign);
      if (t.toAccountId) add(deltas, t.toAccountId, t.currency, t.amount * sign, sign);
    } else if (t.accountId) {
      add(deltas, t.accountId, t.currency, (t.type === 'income' ? t.amount : -t.amount) * sign, sign);
    }
  };
  if (before) apply(before, -1);
  if (after) apply(after, 1);
  for (const [id, e] of deltas) {
    for (const [c, v] of e.currencies) if (v === 0) e.currencies.delete(c);
    if (e.currencies.size === 0 && e.count === 0) deltas.delete(id);
  }
  return deltas;
}
