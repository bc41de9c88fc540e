import { CategoryIndex, type AnalyticsCategory } from '../analytics/category-tree';
import { bigByPrefix, PREFIX, type StoredFields } from '../analytics/fields';

/**
 * Which rollup counters a budget counts. A category budget covers the category and every category under it (its
 * children); an overall budget (`categoryIds: null`) covers every category, the uncategorised included. Spending is
 * expense (`ce:`) minus refunds: income booked in a covered EXPENSE category (`ci:`) — income in an income category
 * (a salary) is never a refund. Transfers are in neither counter, so they never count.
 */
export interface BudgetScope {
  /** The categories covered, or null for all of them. */
  readonly categoryIds: ReadonlySet<string> | null;
  /** The categories whose income counts as a refund (the covered expense categories). */
  readonly refundIds: ReadonlySet<string>;
}

/** The scope of a budget on `categoryId` (null: overall) given the user's categories. */
export function scopeOf(categoryId: string | null, categories: readonly AnalyticsCategory[]): BudgetScope {
  const expense = new Set(categories.filter((c) => c.kind === 'expense').map((c) => c.id));
  if (categoryId === null) return { categoryIds: null, refundIds: expense };
  const index = new CategoryIndex(categories);
  const covered = new Set([categoryId, ...categories.filter((c) => index.ancestors(c.id).includes(categoryId)).map((c) => c.id)]);
  return { categoryIds: covered, refundIds: new Set([...covered].filter((id) => expense.has(id) || !categories.some((c) => c.id === id))) };
}

/** Spending of one rollup (monthly or daily) in the scope, exact: covered expenses minus covered refunds. */
export function spendOf(fields: StoredFields | undefined, scope: BudgetScope): bigint {
  let total = 0n;
  for (const [id, amount] of bigByPrefix(fields, PREFIX.expenseCategory)) if (scope.categoryIds === null || scope.categoryIds.has(id)) total += amount;
  for (const [id, amount] of bigByPrefix(fields, PREFIX.incomeCategory)) if (scope.refundIds.has(id)) total -= amount;
  return total;
}

/** A rollup's category counters, read once (`ce:` and `ci:` by category id, exact). */
export interface CategoryCounters {
  readonly expense: ReadonlyMap<string, bigint>;
  readonly income: ReadonlyMap<string, bigint>;
}

/** Reads a rollup's category counters once, so that many budgets can be summed from them without parsing again. */
export function categoryCounters(fields: StoredFields | undefined): CategoryCounters {
  return { expense: bigByPrefix(fields, PREFIX.expenseCategory), income: bigByPrefix(fields, PREFIX.incomeCategory) };
}

/** {@link spendOf} over counters already read: the same figure, in time proportional to the scope (or the counters, overall). */
export function spendOfCounters(counters: CategoryCounters, scope: BudgetScope): bigint {
  let total = 0n;
  if (scope.categoryIds === null) {
    for (const amount of counters.expense.values()) total += amount;
    for (const [id, amount] of counters.income) if (scope.refundIds.has(id)) total -= amount;
    return total;
  }
  for (const id of scope.categoryIds) {
    total += counters.expense.get(id) ?? 0n;
    if (scope.refundIds.has(id)) total -= counters.income.get(id) ?? 0n;
  }
  return total;
}

/** Pending-FX expenses of a scope: how many, and their NATIVE amounts per currency (never converted 1:1). */
export interface PendingSpend {
  count: number;
  byCurrency: Map<string, bigint>;
}

/**
 * Adds the pending-FX expenses of one daily rollup in the scope (`pce:<CUR>:<category>`, `pcen:<CUR>:<category>`)
 * to `into`, and returns it.
 */
export function addPending(into: PendingSpend, fields: StoredFields | undefined, scope: BudgetScope): PendingSpend {
  const covered = (id: string) => scope.categoryIds === null || scope.categoryIds.has(id);
  for (const [rest, amount] of bigByPrefix(fields, PREFIX.pendingExpenseCategory)) {
    const [currency, id] = splitCurrency(rest);
    if (currency && covered(id)) into.byCurrency.set(currency, (into.byCurrency.get(currency) ?? 0n) + amount);
  }
  for (const [rest, count] of bigByPrefix(fields, PREFIX.pendingExpenseCategoryCount)) {
    const [currency, id] = splitCurrency(rest);
    if (currency && covered(id)) into.count += Number(count);
  }
  for (const [currency, amount] of into.byCurrency) if (amount === 0n) into.byCurrency.delete(currency);
  return into;
}

function splitCurrency(rest: string): [string | undefined, string] {
  const colon = rest.indexOf(':');
  return colon === 3 ? [rest.slice(0, 3), rest.slice(4)] : [undefined, rest];
}
