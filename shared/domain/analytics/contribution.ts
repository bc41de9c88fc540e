import { ValidationError } from '../errors';
import { roundHalfEven } from '../fx/rational';
import { merchantKey } from '../ledger/merchant';
import { allocate, assertMinor, fromBigMinor, type Minor } from '../money';
import {
  addCount,
  compact,
  FIELD,
  MAX_MERCHANT_LENGTH,
  negateFields,
  NO_ACCOUNT,
  PREFIX,
  rollupKeyString,
  UNCATEGORISED,
  UNKNOWN_MERCHANT,
  type RollupDelta,
  type RollupFields,
  type RollupKey,
} from './fields';
import { dayOf, monthOf } from './months';

/**
 * What analytics read of a stored transaction (a structural subset of the ledger's `TransactionRecord`, so the
 * domain does not depend on the storage adapter).
 */
export interface AnalyticsTransaction {
  readonly type: 'expense' | 'income' | 'transfer';
  /** Positive integer minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  /** `YYYY-MM-DD`; the rollup month is its first seven characters. */
  readonly date: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly accountId: string | null;
  readonly toAccountId: string | null;
  /** Parts in `currency` minor units (a negative part is a refund inside a purchase); they replace `categoryId`. */
  readonly splits: readonly { readonly categoryId: string; readonly amount: number }[] | null;
  /** `amount` converted to `baseCurrency`; null while the rate is pending. */
  readonly baseAmount: number | null;
  readonly baseCurrency: string;
  readonly fxStatus: 'converted' | 'pending';
}

/**
 * Whether a transaction counts in base-currency totals: its status is `converted` AND it has a base amount.
 * Anything else is pending and is never taken at 1:1.
 */
export function isConverted(tx: Pick<AnalyticsTransaction, 'fxStatus' | 'baseAmount'>): boolean {
  return tx.fxStatus === 'converted' && tx.baseAmount !== null && tx.baseAmount !== undefined;
}

/** The merchant name a description counts under in `m:`/`mn:` fields (see {@link MAX_MERCHANT_LENGTH}). */
export function merchantName(description: string): string {
  const key = [...merchantKey(typeof description === 'string' ? description : '')].slice(0, MAX_MERCHANT_LENGTH).join('').trim();
  return key === '' ? UNKNOWN_MERCHANT : key;
}

/**
 * Splits `total` base minor units over parts proportional to signed `weights` (split amounts in the transaction's
 * currency), exactly: the parts sum to `total`, each within about one minor unit of its exact share.
 *
 * With only non-negative weights this is the largest-remainder `allocate`. With mixed signs, the positive parts
 * together get `round(total × Σpositive ÷ Σall)` (half-even), the negative parts together the rest (negative), and
 * each group is allocated by largest remainder within itself. Weights that do not add up to a positive sum (data a
 * validated transaction never has) are allocated by magnitude; all-zero weights give everything to the first part.
 */
export function allocateSigned(total: Minor, weights: readonly number[]): Minor[] {
  assertMinor(total, 'total');
  weights.forEach((w, i) => assertMinor(w, `weights[${i}]`));
  if (weights.length === 0) throw new ValidationError('weights must be a non-empty list', [{ path: 'weights', message: 'must be a non-empty list' }]);
  if (weights.every((w) => w === 0)) return weights.map((_, i) => (i === 0 ? total : 0));
  let positive = 0n;
  let negative = 0n;
  for (const w of weights) {
    if (w > 0) positive += BigInt(w);
    else negative -= BigInt(w);
  }
  const sum = positive - negative;
  if (negative === 0n) return allocate(total, weights);
  if (sum <= 0n) return allocate(total, weights.map((w) => Math.abs(w)));
  const totalPositive = fromBigMinor(roundHalfEven(BigInt(total) * positive, sum), 'total');
  const totalNegative = fromBigMinor(BigInt(totalPositive) - BigInt(total), 'total');
  const positiveParts = allocate(totalPositive, weights.map((w) => (w > 0 ? w : 0)));
  const negativeParts = allocate(totalNegative, weights.map((w) => (w < 0 ? -w : 0)));
  return weights.map((w, i) => {
    if (w > 0) return positiveParts[i] ?? 0;
    const part = negativeParts[i] ?? 0;
    return part === 0 ? 0 : -part;
  });
}

class Accumulator {
  readonly values = new Map<string, number>();
  add(name: string, value: number): void {
    if (value !== 0) this.values.set(name, addCount(this.values.get(name) ?? 0, value, name));
  }
}

function requireText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    const message = 'must be non-empty text';
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value;
}

/** The base amount of each category a converted income or expense counts under (split parts allocated exactly). */
function categoryParts(tx: AnalyticsTransaction, base: Minor): [string, Minor][] {
  const splits = tx.splits;
  if (splits && splits.length > 0) {
    const parts = allocateSigned(base, splits.map((s) => s.amount));
    return splits.map((s, i) => [s.categoryId || UNCATEGORISED, parts[i] ?? 0]);
  }
  return [[tx.categoryId || UNCATEGORISED, base]];
}

/**
 * The counters one transaction adds to its month's rollup, or `undefined` when it adds nothing.
 *
 * - Converted (see {@link isConverted}) income: `inc`, `n`, `ci:<category>` (splits allocated so the parts sum to
 *   `baseAmount`), `a:<account>` +, `cur:<currency>` + native amount, `curn:<currency>`.
 * - Converted expense: the same on the spending side (`exp`, `ce:<category>`, `a:` −, `cur:` −) plus the merchant,
 *   `m:<merchant>` and `mn:<merchant>`.
 * - Converted transfer: NOT income or spending. `tn` + 1, `tr` + base amount, `a:<from>` −, `a:<to>` + (so it
 *   moves money between account flows without changing `inc`, `exp`, `n` or any category).
 * - Pending FX (any type): `pn` + 1, `pcn:<currency>` + 1, `p:<currency>` + native signed amount (income +,
 *   expense −, transfer 0) — nothing else, never a 1:1 guess.
 *
 * A missing account counts under {@link NO_ACCOUNT}, a missing category under {@link UNCATEGORISED}. Zero values
 * are left out. Field names are sorted.
 *
 * @throws ValidationError when the record is malformed (a date without a valid month, a non-integer amount…).
 */
export function contribution(tx: AnalyticsTransaction): RollupDelta | undefined {
  const key: RollupKey = { baseCurrency: requireText(tx.baseCurrency, 'baseCurrency'), month: monthOf(tx.date) };
  const currency = requireText(tx.currency, 'currency');
  const amount = assertMinor(tx.amount, 'amount');
  if (tx.type !== 'income' && tx.type !== 'expense' && tx.type !== 'transfer') {
    const message = `must be expense, income or transfer (got ${JSON.stringify(tx.type)})`;
    throw new ValidationError(`type ${message}`, [{ path: 'type', message }]);
  }
  const sign = tx.type === 'income' ? 1 : tx.type === 'expense' ? -1 : 0;
  const acc = new Accumulator();

  if (!isConverted(tx)) {
    acc.add(FIELD.pendingCount, 1);
    acc.add(PREFIX.pendingCount + currency, 1);
    acc.add(PREFIX.pending + currency, sign * amount);
  } else {
    const base = assertMinor(tx.baseAmount, 'baseAmount');
    const account = tx.accountId || NO_ACCOUNT;
    if (tx.type === 'transfer') {
      acc.add(FIELD.transferCount, 1);
      acc.add(FIELD.transferAmount, base);
      acc.add(PREFIX.account + account, -base);
      acc.add(PREFIX.account + (tx.toAccountId || NO_ACCOUNT), base);
    } else {
      const income = tx.type === 'income';
      acc.add(income ? FIELD.income : FIELD.expenses, base);
      acc.add(FIELD.count, 1);
      acc.add(PREFIX.account + account, sign * base);
      acc.add(PREFIX.currency + currency, sign * amount);
      acc.add(PREFIX.currencyCount + currency, 1);
      const categoryPrefix = income ? PREFIX.incomeCategory : PREFIX.expenseCategory;
      for (const [categoryId, part] of categoryParts(tx, base)) acc.add(categoryPrefix + categoryId, part);
      if (!income) {
        const merchant = merchantName(tx.description);
        acc.add(PREFIX.merchant + merchant, base);
        acc.add(PREFIX.merchantCount + merchant, 1);
      }
    }
  }
  const fields = compact(acc.values);
  return Object.keys(fields).length > 0 ? { key, fields } : undefined;
}

/**
 * The counters one transaction adds to its DAY's rollup (key with `day`), or `undefined` when it adds nothing: the
 * daily subset of {@link contribution}, under the same rules.
 *
 * - Converted income: `inc`, `ci:<category>`; converted expense: `exp`, `ce:<category>` (splits allocated exactly as
 *   monthly, so the day's categories sum to the same base amounts).
 * - Converted transfer: nothing (never income or spending).
 * - Pending FX (any type): `pn` + 1; a pending expense also adds, per category, its NATIVE amount to
 *   `pce:<currency>:<category>` (split parts as they are, a negative part lowering it) and 1 to
 *   `pcen:<currency>:<category>` (once per category of the transaction). Never `exp` or `ce:`, never a 1:1 guess.
 *
 * @throws ValidationError when the record is malformed (as {@link contribution}, or a date that is not a real day).
 */
export function dailyContribution(tx: AnalyticsTransaction): RollupDelta | undefined {
  const baseCurrency = requireText(tx.baseCurrency, 'baseCurrency');
  const day = dayOf(tx.date);
  const key: RollupKey = { baseCurrency, month: monthOf(day), day };
  const currency = requireText(tx.currency, 'currency');
  const amount = assertMinor(tx.amount, 'amount');
  if (tx.type !== 'income' && tx.type !== 'expense' && tx.type !== 'transfer') {
    const message = `must be expense, income or transfer (got ${JSON.stringify(tx.type)})`;
    throw new ValidationError(`type ${message}`, [{ path: 'type', message }]);
  }
  const acc = new Accumulator();
  if (!isConverted(tx)) {
    acc.add(FIELD.pendingCount, 1);
    if (tx.type === 'expense') {
      const splits = tx.splits;
      const parts: [string, Minor][] =
        splits && splits.length > 0 ? splits.map((s) => [s.categoryId || UNCATEGORISED, assertMinor(s.amount, 'splits.amount')]) : [[tx.categoryId || UNCATEGORISED, amount]];
      const touched = new Set<string>();
      for (const [categoryId, part] of parts) {
        acc.add(`${PREFIX.pendingExpenseCategory}${currency}:${categoryId}`, part);
        touched.add(categoryId);
      }
      for (const categoryId of touched) acc.add(`${PREFIX.pendingExpenseCategoryCount}${currency}:${categoryId}`, 1);
    }
  } else if (tx.type !== 'transfer') {
    const base = assertMinor(tx.baseAmount, 'baseAmount');
    const income = tx.type === 'income';
    acc.add(income ? FIELD.income : FIELD.expenses, base);
    const categoryPrefix = income ? PREFIX.incomeCategory : PREFIX.expenseCategory;
    for (const [categoryId, part] of categoryParts(tx, base)) acc.add(categoryPrefix + categoryId, part);
  }
  const fields = compact(acc.values);
  return Object.keys(fields).length > 0 ? { key, fields } : undefined;
}

/** Both rollups one transaction counts in: its month's ({@link contribution}) and its day's ({@link dailyContribution}). */
export function contributions(tx: AnalyticsTransaction): RollupDelta[] {
  return [contribution(tx), dailyContribution(tx)].filter((d): d is RollupDelta => d !== undefined);
}

/**
 * Combines deltas of the same rollup into one (field by field), drops fields that cancel out and deltas left
 * empty. The result is sorted by {@link rollupKeyString}; it is what a consumer writes for a batch of events, one
 * update per rollup. Since deltas are sums, any grouping and any order give the same totals.
 */
export function mergeDeltas(deltas: Iterable<RollupDelta | undefined>): RollupDelta[] {
  const groups = new Map<string, { key: RollupKey; acc: Accumulator }>();
  for (const d of deltas) {
    if (!d) continue;
    const id = rollupKeyString(d.key);
    let group = groups.get(id);
    if (!group) {
      const key: RollupKey = d.key.day === undefined ? { baseCurrency: d.key.baseCurrency, month: d.key.month } : { baseCurrency: d.key.baseCurrency, month: d.key.month, day: d.key.day };
      group = { key, acc: new Accumulator() };
      groups.set(id, group);
    }
    for (const [name, value] of Object.entries(d.fields)) group.acc.add(name, value);
  }
  const out: RollupDelta[] = [];
  for (const id of [...groups.keys()].sort()) {
    const group = groups.get(id);
    if (!group) continue;
    const fields = compact(group.acc.values);
    if (Object.keys(fields).length > 0) out.push({ key: group.key, fields });
  }
  return out;
}

/**
 * What replacing `before` by `after` changes in the rollups, monthly AND daily: `contributions(after) −
 * contributions(before)`, one entry per affected rollup item (a transaction that moves day, month or base currency
 * yields a negative part for the old rollups and a positive one for the new; daily entries have `key.day`). Fields
 * that do not change cancel and are left out; an update that changes nothing analytics read gives `[]`.
 * `null`/`undefined` stands for "no transaction" (create, delete). Sorted by {@link rollupKeyString}.
 */
export function delta(before: AnalyticsTransaction | null | undefined, after: AnalyticsTransaction | null | undefined): RollupDelta[] {
  const old = before ? contributions(before) : [];
  const next = after ? contributions(after) : [];
  return mergeDeltas([...old.map((d) => ({ key: d.key, fields: negateFields(d.fields) })), ...next]);
}

/**
 * The rollups recomputed from source rows, monthly and daily: key string ({@link rollupKeyString}) → fields, sorted
 * by key. This is the reference the incremental rollups must equal (after dropping zeros), and what a repair
 * writes. The transactions must belong to one user (the key does not name the user).
 */
export function recount(transactions: Iterable<AnalyticsTransaction>): Map<string, RollupFields> {
  const merged = mergeDeltas([...transactions].flatMap((tx) => contributions(tx)));
  return new Map(merged.map((d) => [rollupKeyString(d.key), d.fields]));
}
