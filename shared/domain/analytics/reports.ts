import { ValidationError } from '../errors';
import { roundHalfEven } from '../fx/rational';
import type { CategoryKind } from '../ledger/categories';
import { toExactMinor, type ExactMinor, type StoredInt } from '../money/exact';
import {
  CategoryIndex,
  compareCategoryRows,
  rolledUpBothSides,
  type AnalyticsCategory,
  type CategoryAmount,
} from './category-tree';
import { addStoredFields, bigByPrefix, bigField, FIELD, NO_ACCOUNT, PREFIX, type StoredFields } from './fields';
import { assertMonth, isMonth, MAX_MONTHS, monthDiff, monthsBetween } from './months';

/** How many merchants {@link monthlySummary} lists. */
export const TOP_MERCHANTS = 10;

/** A month and its rollup's fields (`undefined` when the month has no rollup: every counter 0). */
export interface MonthFields {
  readonly month: string;
  readonly fields: StoredFields | undefined;
}

/**
 * Income, expenses and their difference, in base minor units. Every amount a read model answers is exact: a number
 * while it is a safe integer, else the string of its digits (see `money/exact.ts`); all arithmetic is in BigInt.
 */
export interface Flows {
  readonly income: ExactMinor;
  readonly expenses: ExactMinor;
  readonly net: ExactMinor;
}

/** {@link Flows} as computed (exact). */
interface BigFlows {
  readonly income: bigint;
  readonly expenses: bigint;
  readonly net: bigint;
}

function exactFlows(f: BigFlows): Flows {
  return { income: toExactMinor(f.income), expenses: toExactMinor(f.expenses), net: toExactMinor(f.net) };
}

function minus(a: BigFlows, b: BigFlows): BigFlows {
  return { income: a.income - b.income, expenses: a.expenses - b.expenses, net: a.net - b.net };
}

/**
 * `numerator / denominator` as a display ratio rounded half-even to 4 decimals (`0.1235`), exactly (no float
 * until the final division by 10 000); `null` when the denominator is 0.
 */
export function ratio(numerator: StoredInt, denominator: StoredInt): number | null {
  const den = BigInt(denominator);
  if (den === 0n) return null;
  const r = Number(roundHalfEven(BigInt(numerator) * 10_000n, den)) / 10_000;
  return r === 0 ? 0 : r;
}

/** The exact mean of integers rounded half-even (`[1, 2]` → 2n, `[1, 2, 2]` → 2n). */
function meanBig(values: readonly bigint[]): bigint {
  if (values.length === 0) return 0n;
  let sum = 0n;
  for (const v of values) sum += v;
  return roundHalfEven(sum, BigInt(values.length));
}

/** The mean of integer minor units rounded half-even to an integer (`[1, 2]` → 2, `[1, 2, 2]` → 2), exact. */
export function meanMinor(values: readonly StoredInt[]): ExactMinor {
  return toExactMinor(meanBig(values.map((v) => BigInt(v))));
}

function bigFlowsOf(fields: StoredFields | undefined): BigFlows {
  const income = bigField(fields, FIELD.income);
  const expenses = bigField(fields, FIELD.expenses);
  return { income, expenses, net: income - expenses };
}

/** Income, expenses and net of one rollup, exact. */
export function flowsOf(fields: StoredFields | undefined): Flows {
  return exactFlows(bigFlowsOf(fields));
}

function savingsRate(flows: BigFlows): number | null {
  return ratio(flows.net, flows.income);
}

function kindTotal(flows: BigFlows, kind: CategoryKind): bigint {
  return kind === 'expense' ? flows.expenses : flows.income;
}

/** A counter (a number of transactions): never near 2^53 in practice, read exactly and answered as a number. */
function count(fields: StoredFields | undefined, name: string): number {
  return Number(bigField(fields, name));
}

/**
 * Orders months and fills gaps: from the earliest to the latest month given, every month once (missing ones with
 * `fields: undefined`).
 * @throws ValidationError on a malformed or repeated month, or a span of more than {@link MAX_MONTHS} months.
 */
export function fillMonths(months: readonly MonthFields[]): MonthFields[] {
  if (months.length === 0) return [];
  const byMonth = new Map<string, StoredFields | undefined>();
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
  readonly previousMonthAmount: ExactMinor;
  /** `amount − previousMonthAmount`. */
  readonly change: ExactMinor;
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
  readonly transfers: { readonly count: number; readonly amount: ExactMinor };
  /** Parents (own + children) and children, both sides, amount descending. Sum only `level: 'parent'` rows. */
  readonly byCategory: SummaryCategory[];
  /** At most {@link TOP_MERCHANTS}, spend descending. */
  readonly topMerchants: { readonly merchant: string; readonly amount: ExactMinor; readonly count: number }[];
  /** Signed flow per account (income +, expense −, transfers −/+); `accountId: null` for no account. By id. */
  readonly byAccount: { readonly accountId: string | null; readonly amount: ExactMinor }[];
  /** NATIVE signed amounts (income +, expense −) per original currency, most used first. */
  readonly byCurrency: { readonly currency: string; readonly amount: ExactMinor; readonly count: number }[];
  /** Transactions waiting for an exchange rate: in none of the totals above. Amounts NATIVE, signed. */
  readonly pendingFx: { readonly count: number; readonly byCurrency: { readonly currency: string; readonly amount: ExactMinor; readonly count: number }[] };
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
  current: StoredFields | undefined,
  previous: StoredFields | undefined,
  categories: readonly AnalyticsCategory[],
  asOf: string,
): MonthlySummary {
  assertMonth(month);
  const index = new CategoryIndex(categories);
  const flows = bigFlowsOf(current);
  const before = bigFlowsOf(previous);
  const now = rolledUpBothSides(current, index);
  const then = rolledUpBothSides(previous, index);
  const byCategory: SummaryCategory[] = [];
  for (const id of new Set([...now.keys(), ...then.keys()])) {
    const row = now.get(id) ?? then.get(id);
    if (!row) continue;
    const amount = now.get(id)?.amount ?? 0n;
    const previousMonthAmount = then.get(id)?.amount ?? 0n;
    if (amount === 0n && previousMonthAmount === 0n) continue;
    byCategory.push({
      ...index.describe(row.id, row.kind, amount),
      share: ratio(amount, kindTotal(flows, row.kind)),
      previousMonthAmount: toExactMinor(previousMonthAmount),
      change: toExactMinor(amount - previousMonthAmount),
    });
  }
  byCategory.sort(compareCategoryRows);

  const merchantCounts = bigByPrefix(current, PREFIX.merchantCount);
  const merchantAmounts = bigByPrefix(current, PREFIX.merchant);
  const topMerchants = [...new Set([...merchantAmounts.keys(), ...merchantCounts.keys()])]
    .map((merchant) => ({ merchant, amount: merchantAmounts.get(merchant) ?? 0n, count: merchantCounts.get(merchant) ?? 0n }))
    .sort((a, b) => compareBig(b.amount, a.amount) || compareBig(b.count, a.count) || compareText(a.merchant, b.merchant))
    .slice(0, TOP_MERCHANTS)
    .map((m) => ({ merchant: m.merchant, amount: toExactMinor(m.amount), count: Number(m.count) }));

  const byAccount = [...bigByPrefix(current, PREFIX.account)]
    .map(([id, amount]) => ({ accountId: id === NO_ACCOUNT ? null : id, amount: toExactMinor(amount) }))
    .sort((a, b) => (a.accountId === null ? 1 : b.accountId === null ? -1 : compareText(a.accountId, b.accountId)));

  return {
    month,
    baseCurrency,
    ...exactFlows(flows),
    savingsRate: savingsRate(flows),
    transactionCount: count(current, FIELD.count),
    previous: { month: previousMonthOf(month), ...exactFlows(before) },
    change: exactFlows(minus(flows, before)),
    transfers: { count: count(current, FIELD.transferCount), amount: toExactMinor(bigField(current, FIELD.transferAmount)) },
    byCategory,
    topMerchants,
    byAccount,
    byCurrency: currencyRows(current, PREFIX.currency, PREFIX.currencyCount),
    pendingFx: { count: count(current, FIELD.pendingCount), byCurrency: currencyRows(current, PREFIX.pending, PREFIX.pendingCount) },
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

function currencyRows(fields: StoredFields | undefined, amountPrefix: string, countPrefix: string): { currency: string; amount: ExactMinor; count: number }[] {
  const amounts = bigByPrefix(fields, amountPrefix);
  const counts = bigByPrefix(fields, countPrefix);
  return [...new Set([...amounts.keys(), ...counts.keys()])]
    .map((currency) => ({ currency, amount: amounts.get(currency) ?? 0n, count: counts.get(currency) ?? 0n }))
    .sort((a, b) => compareBig(b.count, a.count) || compareText(a.currency, b.currency))
    .map((r) => ({ currency: r.currency, amount: toExactMinor(r.amount), count: Number(r.count) }));
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  readonly total: ExactMinor;
  readonly series: { readonly month: string; readonly amount: ExactMinor }[];
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
  const flows = filled.map((m) => bigFlowsOf(m.fields));
  const series: TrendPoint[] = filled.map((m, i) => {
    const f = flows[i] ?? bigFlowsOf(undefined);
    const window = flows.slice(Math.max(0, i - 2), i + 1);
    const prev = i > 0 ? flows[i - 1] : undefined;
    return {
      month: m.month,
      ...exactFlows(f),
      savingsRate: savingsRate(f),
      movingAverage3: exactFlows({
        income: meanBig(window.map((w) => w.income)),
        expenses: meanBig(window.map((w) => w.expenses)),
        net: meanBig(window.map((w) => w.net)),
      }),
      change: prev ? exactFlows(minus(f, prev)) : null,
    };
  });

  const index = new CategoryIndex(categories);
  const perMonth = filled.map((m) => rolledUpBothSides(m.fields, index));
  const ids = new Map<string, { kind: CategoryKind; id: string }>();
  for (const rolled of perMonth) for (const [key, row] of rolled) if (row.amount !== 0n && !ids.has(key)) ids.set(key, row);
  const byCategory: CategoryTrend[] = [...ids].map(([key, { kind, id }]) => {
    const points = filled.map((m, i) => ({ month: m.month, amount: perMonth[i]?.get(key)?.amount ?? 0n }));
    const total = points.reduce((s, p) => s + p.amount, 0n);
    const { amount: _amount, ...described } = index.describe(id, kind, total);
    return { ...described, total: toExactMinor(total), series: points.map((p) => ({ month: p.month, amount: toExactMinor(p.amount) })) };
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
export function categoryTotals(range: readonly (StoredFields | undefined)[], categories: readonly AnalyticsCategory[]): CategoryTotals {
  const total = addStoredFields(...range);
  const flows = bigFlowsOf(total);
  const index = new CategoryIndex(categories);
  const byCategory: CategoryTotal[] = [...rolledUpBothSides(total, index).values()]
    .filter((r) => r.amount !== 0n)
    .map((r) => ({ ...index.describe(r.id, r.kind, r.amount), share: ratio(r.amount, kindTotal(flows, r.kind)) }))
    .sort(compareCategoryRows);
  return { ...exactFlows(flows), transactionCount: count(total, FIELD.count), byCategory };
}

// ---------------------------------------------------------------------------------------------------------------
// Cash flow

/** One month of {@link cashflow}. */
export interface CashflowPoint extends Flows {
  readonly month: string;
  /** Running sum of `net` from the first month of the range. */
  readonly cumulative: ExactMinor;
}

/**
 * Income, expenses, net and running net month by month (gaps filled with zeros, like {@link trends}).
 * @throws ValidationError on a malformed or repeated month or a span over {@link MAX_MONTHS} months.
 */
export function cashflow(months: readonly MonthFields[]): CashflowPoint[] {
  let cumulative = 0n;
  return fillMonths(months).map((m) => {
    const f = bigFlowsOf(m.fields);
    cumulative += f.net;
    return { month: m.month, ...exactFlows(f), cumulative: toExactMinor(cumulative) };
  });
}
