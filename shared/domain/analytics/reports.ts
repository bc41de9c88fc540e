import { ValidationError } from '../errors';
import { roundHalfEven } from '../fx/rational';
import type { CategoryKind } from '../ledger/categories';
import type { Minor } from '../money';
import {
  CategoryIndex,
  compareCategoryRows,
  rolledUpBothSides,
  type AnalyticsCategory,
  type CategoryAmount,
} from './category-tree';
import { addFields, byPrefix, field, FIELD, NO_ACCOUNT, PREFIX, type RollupFields } from './fields';
import { assertMonth, isMonth, MAX_MONTHS, monthDiff, monthsBetween } from './months';

/** How many merchants {@link monthlySummary} lists. */
export const TOP_MERCHANTS = 10;

/** A month and its rollup's fields (`undefined` when the month has no rollup: every counter 0). */
export interface MonthFields {
  readonly month: string;
  readonly fields: RollupFields | undefined;
}

/** Income, expenses and their difference, in base minor units. */
export interface Flows {
  readonly income: Minor;
  readonly expenses: Minor;
  readonly net: Minor;
}

/**
 * `numerator / denominator` as a display ratio rounded half-even to 4 decimals (`0.1235`), exactly (no float
 * until the final division by 10 000); `null` when the denominator is 0.
 */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(roundHalfEven(BigInt(numerator) * 10_000n, BigInt(denominator))) / 10_000;
}

/** The mean of integer minor units rounded half-even to an integer (`[1, 2]` → 2, `[1, 2, 2]` → 2). */
export function meanMinor(values: readonly number[]): Minor {
  if (values.length === 0) return 0;
  let sum = 0n;
  for (const v of values) sum += BigInt(v);
  return Number(roundHalfEven(sum, BigInt(values.length)));
}

/** Income, expenses and net of one rollup. */
export function flowsOf(fields: RollupFields | undefined): Flows {
  const income = field(fields, FIELD.income);
  const expenses = field(fields, FIELD.expenses);
  return { income, expenses, net: income - expenses };
}

function savingsRate(flows: Flows): number | null {
  return ratio(flows.net, flows.income);
}

function kindTotal(flows: Flows, kind: CategoryKind): number {
  return kind === 'expense' ? flows.expenses : flows.income;
}

/**
 * Orders months and fills gaps: from the earliest to the latest month given, every month once (missing ones with
 * `fields: undefined`).
 * @throws ValidationError on a malformed or repeated month, or a span of more than {@link MAX_MONTHS} months.
 */
export function fillMonths(months: readonly MonthFields[]): MonthFields[] {
  if (months.length === 0) return [];
  const byMonth = new Map<string, RollupFields | undefined>();
  months.forEach((m, i) => {
    assertMonth(m.month, `months[${i}].month`);
    if (byMonth.has(m.month)) {
      const message = `repeats ${m.month}`;
      throw new ValidationError(`months[${i}].month ${message}`, [{ path: `months[${i}].month`, message }]);
    }
    byMonth.set(m.month, m.fields);
  });
  const sorted = [...byMonth.keys()].sort();
  const first = sorted[0] ?? '';
  const last = sorted[sorted.length - 1] ?? first;
  if (monthDiff(first, last) + 1 > MAX_MONTHS) {
    const message = `must span at most ${MAX_MONTHS} months (${first} to ${last} spans ${monthDiff(first, last) + 1})`;
    throw new ValidationError(`months ${message}`, [{ path: 'months', message }]);
  }
  return monthsBetween(first, last).map((month) => ({ month, fields: byMonth.get(month) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Monthly summary

/** A category row of {@link MonthlySummary}. */
export interface SummaryCategory extends CategoryAmount {
  /** Of the month's expenses (expense rows) or income (income rows), 4 decimals; null when that total is 0. */
  readonly share: number | null;
  readonly previousMonthAmount: Minor;
  /** `amount − previousMonthAmount`. */
  readonly change: Minor;
}

/** The read model of `GET /analytics/summary?month=`. Amounts in base minor units unless said otherwise. */
export interface MonthlySummary extends Flows {
  readonly month: string;
  readonly baseCurrency: string;
  /** `net / income`, 4 decimals; null when income is 0. */
  readonly savingsRate: number | null;
  /** Converted income and expense transactions (transfers and pending-FX ones are counted apart). */
  readonly transactionCount: number;
  readonly previous: Flows & { readonly month: string };
  /** This month minus the previous one. */
  readonly change: Flows;
  /** Converted transfers between the user's accounts: not income, not spending. */
  readonly transfers: { readonly count: number; readonly amount: Minor };
  /** Parents (own + children) and children, both sides, amount descending. Sum only `level: 'parent'` rows. */
  readonly byCategory: SummaryCategory[];
  /** At most {@link TOP_MERCHANTS}, spend descending. */
  readonly topMerchants: { readonly merchant: string; readonly amount: Minor; readonly count: number }[];
  /** Signed flow per account (income +, expense −, transfers −/+); `accountId: null` for no account. By id. */
  readonly byAccount: { readonly accountId: string | null; readonly amount: Minor }[];
  /** NATIVE signed amounts (income +, expense −) per original currency, most used first. */
  readonly byCurrency: { readonly currency: string; readonly amount: Minor; readonly count: number }[];
  /** Transactions waiting for an exchange rate: in none of the totals above. Amounts NATIVE, signed. */
  readonly pendingFx: { readonly count: number; readonly byCurrency: { readonly currency: string; readonly amount: Minor; readonly count: number }[] };
  readonly asOf: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The summary of one month from its rollup and the previous month's (either may be `undefined`: no data, all 0).
 *
 * @param asOf when the data was read or last updated, passed through for the client.
 * @throws ValidationError when `month` is not `YYYY-MM`.
 */
export function monthlySummary(
  month: string,
  baseCurrency: string,
  current: RollupFields | undefined,
  previous: RollupFields | undefined,
  categories: readonly AnalyticsCategory[],
  asOf: string,
): MonthlySummary {
  assertMonth(month);
  const index = new CategoryIndex(categories);
  const flows = flowsOf(current);
  const before = flowsOf(previous);
  const now = rolledUpBothSides(current, index);
  const then = rolledUpBothSides(previous, index);
  const byCategory: SummaryCategory[] = [];
  for (const id of new Set([...now.keys(), ...then.keys()])) {
    const row = now.get(id) ?? then.get(id);
    if (!row) continue;
    const amount = now.get(id)?.amount ?? 0;
    const previousMonthAmount = then.get(id)?.amount ?? 0;
    if (amount === 0 && previousMonthAmount === 0) continue;
    byCategory.push({
      ...index.describe(row.id, row.kind, amount),
      share: ratio(amount, kindTotal(flows, row.kind)),
      previousMonthAmount,
      change: amount - previousMonthAmount,
    });
  }
  byCategory.sort(compareCategoryRows);

  const merchantCounts = byPrefix(current, PREFIX.merchantCount);
  const merchantAmounts = byPrefix(current, PREFIX.merchant);
  const topMerchants = [...new Set([...merchantAmounts.keys(), ...merchantCounts.keys()])]
    .map((merchant) => ({ merchant, amount: merchantAmounts.get(merchant) ?? 0, count: merchantCounts.get(merchant) ?? 0 }))
    .sort((a, b) => b.amount - a.amount || b.count - a.count || compareText(a.merchant, b.merchant))
    .slice(0, TOP_MERCHANTS);

  const byAccount = [...byPrefix(current, PREFIX.account)]
    .map(([id, amount]) => ({ accountId: id === NO_ACCOUNT ? null : id, amount }))
    .sort((a, b) => (a.accountId === null ? 1 : b.accountId === null ? -1 : compareText(a.accountId, b.accountId)));

  return {
    month,
    baseCurrency,
    ...flows,
    savingsRate: savingsRate(flows),
    transactionCount: field(current, FIELD.count),
    previous: { month: previousMonthOf(month), ...before },
    change: { income: flows.income - before.income, expenses: flows.expenses - before.expenses, net: flows.net - before.net },
    transfers: { count: field(current, FIELD.transferCount), amount: field(current, FIELD.transferAmount) },
    byCategory,
    topMerchants,
    byAccount,
    byCurrency: currencyRows(current, PREFIX.currency, PREFIX.currencyCount),
    pendingFx: { count: field(current, FIELD.pendingCount), byCurrency: currencyRows(current, PREFIX.pending, PREFIX.pendingCount) },
    asOf,
  };
}

/** The month before `month` (the same month at the very start of the ledger calendar, which has none before). */
function previousMonthOf(month: string): string {
  return isMonth(addMonthsLoose(month)) ? addMonthsLoose(month) : month;
}

function addMonthsLoose(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${month.slice(0, 5)}${String(m - 1).padStart(2, '0')}`;
}

function currencyRows(fields: RollupFields | undefined, amountPrefix: string, countPrefix: string): { currency: string; amount: Minor; count: number }[] {
  const amounts = byPrefix(fields, amountPrefix);
  const counts = byPrefix(fields, countPrefix);
  return [...new Set([...amounts.keys(), ...counts.keys()])]
    .map((currency) => ({ currency, amount: amounts.get(currency) ?? 0, count: counts.get(currency) ?? 0 }))
    .sort((a, b) => b.count - a.count || compareText(a.currency, b.currency));
}

// ---------------------------------------------------------------------------------------------------------------
// Trends

/** One month of {@link Trends}. */
export interface TrendPoint extends Flows {
  readonly month: string;
  readonly savingsRate: number | null;
  /**
   * Means over this month and up to two months before it that are in the range (so the first month averages 1,
   * the second 2), each rounded half-even to a minor unit on its own (so `net` may differ by 1 from
   * `income − expenses`).
   */
  readonly movingAverage3: Flows;
  /** This month minus the previous month of the range; null for the first month. */
  readonly change: Flows | null;
}

/** One category's amounts month by month (parents rolled up). */
export interface CategoryTrend extends Omit<CategoryAmount, 'amount'> {
  /** Sum over the range (the order of the list: descending). */
  readonly total: Minor;
  readonly series: { readonly month: string; readonly amount: Minor }[];
}

/** The read model of `GET /analytics/trends?from=&to=`. */
export interface Trends {
  readonly series: TrendPoint[];
  readonly byCategory: CategoryTrend[];
}

/**
 * Month-by-month income, expenses, net, savings rate, 3-month moving averages and month-over-month change, plus a
 * series per category. Months between the first and last given that are missing, or given with `fields:
 * undefined`, count as zeros.
 * @throws ValidationError on a malformed or repeated month or a span over {@link MAX_MONTHS} months.
 */
export function trends(months: readonly MonthFields[], categories: readonly AnalyticsCategory[]): Trends {
  const filled = fillMonths(months);
  const flows = filled.map((m) => flowsOf(m.fields));
  const series: TrendPoint[] = filled.map((m, i) => {
    const f = flows[i] ?? flowsOf(undefined);
    const window = flows.slice(Math.max(0, i - 2), i + 1);
    const prev = i > 0 ? flows[i - 1] : undefined;
    return {
      month: m.month,
      ...f,
      savingsRate: savingsRate(f),
      movingAverage3: {
        income: meanMinor(window.map((w) => w.income)),
        expenses: meanMinor(window.map((w) => w.expenses)),
        net: meanMinor(window.map((w) => w.net)),
      },
      change: prev ? { income: f.income - prev.income, expenses: f.expenses - prev.expenses, net: f.net - prev.net } : null,
    };
  });

  const index = new CategoryIndex(categories);
  const perMonth = filled.map((m) => rolledUpBothSides(m.fields, index));
  const ids = new Map<string, { kind: CategoryKind; id: string }>();
  for (const rolled of perMonth) for (const [key, row] of rolled) if (row.amount !== 0 && !ids.has(key)) ids.set(key, row);
  const byCategory: CategoryTrend[] = [...ids].map(([key, { kind, id }]) => {
    const points = filled.map((m, i) => ({ month: m.month, amount: perMonth[i]?.get(key)?.amount ?? 0 }));
    const total = points.reduce((s, p) => s + p.amount, 0);
    const { amount: _amount, ...described } = index.describe(id, kind, total);
    return { ...described, total, series: points };
  });
  byCategory.sort((a, b) => compareCategoryRows({ ...a, amount: a.total }, { ...b, amount: b.total }));
  return { series, byCategory };
}

// ---------------------------------------------------------------------------------------------------------------
// Category totals over a range

/** A category row of {@link CategoryTotals}. */
export interface CategoryTotal extends CategoryAmount {
  /** Of the range's expenses or income (by the row's kind), 4 decimals; null when that total is 0. */
  readonly share: number | null;
}

/** Totals per category over several months. */
export interface CategoryTotals extends Flows {
  readonly transactionCount: number;
  /** Parents (own + children) and children, both sides, amount descending. Sum only `level: 'parent'` rows. */
  readonly byCategory: CategoryTotal[];
}

/** Sums the rollups of a range (missing months as `undefined`) and reports per category, parents rolled up. */
export function categoryTotals(range: readonly (RollupFields | undefined)[], categories: readonly AnalyticsCategory[]): CategoryTotals {
  const total = addFields(...range);
  const flows = flowsOf(total);
  const index = new CategoryIndex(categories);
  const byCategory: CategoryTotal[] = [...rolledUpBothSides(total, index).values()]
    .filter((r) => r.amount !== 0)
    .map((r) => ({ ...index.describe(r.id, r.kind, r.amount), share: ratio(r.amount, kindTotal(flows, r.kind)) }))
    .sort(compareCategoryRows);
  return { ...flows, transactionCount: field(total, FIELD.count), byCategory };
}

// ---------------------------------------------------------------------------------------------------------------
// Cash flow

/** One month of {@link cashflow}. */
export interface CashflowPoint extends Flows {
  readonly month: string;
  /** Running sum of `net` from the first month of the range. */
  readonly cumulative: Minor;
}

/**
 * Income, expenses, net and running net month by month (gaps filled with zeros, like {@link trends}).
 * @throws ValidationError on a malformed or repeated month or a span over {@link MAX_MONTHS} months.
 */
export function cashflow(months: readonly MonthFields[]): CashflowPoint[] {
  let cumulative = 0;
  return fillMonths(months).map((m) => {
    const f = flowsOf(m.fields);
    cumulative += f.net;
    return { month: m.month, ...f, cumulative };
  });
}
