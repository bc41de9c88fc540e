import { NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import {
  addPending,
  budgetStatus,
  carryInto,
  categoryCounters,
  paceAt,
  periodContaining,
  periodDays,
  periodsBetween,
  scopeOf,
  shiftPeriod,
  spendOfCounters,
  validateBudget,
  type Budget,
  type BudgetInput,
  type BudgetPeriodKind,
  type BudgetScope,
  type BudgetStatus,
  type CategoryCounters,
  type Period,
  type PendingSpend,
} from '../domain/budgets';
import type { AnalyticsCategory } from '../domain/analytics/category-tree';
import { bigField, FIELD, type StoredFields } from '../domain/analytics/fields';
import { addDays, daysBetween, daysInMonth, isCalendarDate, MAX_YEAR, MIN_YEAR } from '../domain/ledger/calendar';
import type { ProfileRecord } from '../domain/profile';
import type { BudgetsPort } from '../ports/budgets';
import { requestAdviceRefresh } from '../adapters/advice';
import * as store from '../adapters/budgets';
import type { BudgetRecord } from '../adapters/budgets';
import { listCategories } from '../adapters/categories';
import { newId } from '../adapters/ids';
import { getProfile } from '../adapters/profiles';
import { logger } from '../observability';
import { dailyRange, rollupRange } from '../adapters/rollups';
import { ensureDefaultCategories } from './categories';

/**
 * How far back a rollover chain reaches: at most this many periods before the current one are replayed (earlier ones
 * carry nothing), so a status read stays bounded whatever the budget's age. Monthly and yearly periods are read
 * from the monthly rollups, weekly ones from the daily rollups.
 */
export const CHAIN_BOUND: Readonly<Record<BudgetPeriodKind, number>> = Object.freeze({ monthly: 24, weekly: 13, yearly: 5 });
/** How many previous periods the pace pattern learns from: days of months and weeks, months of years. */
export const PACE_HISTORY: Readonly<Record<BudgetPeriodKind, number>> = Object.freeze({ monthly: 3, weekly: 6, yearly: 3 });

/** The method statement the status endpoint answers with. */
export const PACE_METHOD =
  'Pace: the cumulative share of spending by day of the period (by month for yearly budgets), averaged over the previous ' +
  `${PACE_HISTORY.monthly} months, ${PACE_HISTORY.weekly} weeks or ${PACE_HISTORY.yearly} years that had spending in the budget's categories; ` +
  'expectedByNow = available × that share; projected = spent + (1 − share) × (spent + (1 − share) × the usual period total), ' +
  'so spending that follows the usual pattern projects the usual total. Without such history the pace is linear (share = days elapsed ÷ days of the period, projected = spent ÷ share). ' +
  `Rollover replays at most the last ${CHAIN_BOUND.monthly} monthly, ${CHAIN_BOUND.weekly} weekly or ${CHAIN_BOUND.yearly} yearly periods before the current one.`;

/** What the budget use cases read; the DynamoDB adapters by default, in-memory ones in unit tests. */
export interface BudgetDeps {
  budgets: BudgetsPort;
  /** The user's categories, given the defaults first if they have none yet (create and update). */
  listCategories(userId: string): Promise<readonly AnalyticsCategory[]>;
  /** The user's categories as stored (status: a read-only route). */
  readCategories(userId: string): Promise<readonly AnalyticsCategory[]>;
  getProfile(userId: string): Promise<Pick<ProfileRecord, 'baseCurrency' | 'timezone'> | undefined>;
  rollupRange(userId: string, base: string, fromMonth: string, toMonth: string): Promise<{ month: string; fields: StoredFields; updatedAt: string }[]>;
  dailyRange(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]>;
  /** The daily rollups of fromDay..toDay that counted pending-FX transactions (only those). */
  pendingDays(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]>;
  /** Asks for the user's advice to be recomputed after a budget write (an outbox event); absent in unit tests. */
  requestAdviceRefresh?(userId: string, source: 'budget', now: Date): Promise<void>;
}

/** What the status reads use (statuses, the status report, evaluations): no write, no seeding, no advice request. */
export type BudgetReadDeps = Pick<BudgetDeps, 'readCategories' | 'getProfile' | 'rollupRange' | 'dailyRange' | 'pendingDays'> & { budgets: Pick<BudgetsPort, 'listBudgets'> };

// Two literals, not one spread into the other: a function that reads takes only the adapters it calls into its bundle.
const readDefaults: BudgetReadDeps = {
  budgets: { listBudgets: store.listBudgets },
  readCategories: listCategories,
  getProfile,
  rollupRange,
  dailyRange,
  pendingDays: store.pendingDays,
};

const defaults: BudgetDeps = {
  budgets: store,
  listCategories: async (userId) => {
    await ensureDefaultCategories(userId);
    return listCategories(userId);
  },
  readCategories: listCategories,
  getProfile,
  rollupRange,
  dailyRange,
  pendingDays: store.pendingDays,
  requestAdviceRefresh,
};

/** After a successful write: a lost request only delays the advice to the next write or the monthly refresh, so it never fails the write. */
async function adviceRefresh(userId: string, now: Date, deps: BudgetDeps): Promise<void> {
  try {
    await deps.requestAdviceRefresh?.(userId, 'budget', now);
  } catch (e) {
    logger.warn('advice refresh request failed', { userId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** A budget as the API shows it. */
export function budgetView(b: BudgetRecord) {
  return {
    id: b.id,
    name: b.name,
    categoryId: b.categoryId,
    period: b.period,
    amount: b.amount,
    rollover: b.rollover,
    thresholds: b.thresholds,
    startDate: b.startDate,
    version: b.version,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export async function listBudgets(userId: string, deps: BudgetDeps = defaults) {
  return { items: (await deps.budgets.listBudgets(userId)).map(budgetView) };
}

export async function getBudget(userId: string, id: string, deps: BudgetDeps = defaults) {
  const b = await deps.budgets.getBudget(userId, id);
  if (!b) throw new NotFoundError(`No budget ${id}.`);
  return budgetView(b);
}

function prefixed(e: unknown): never {
  if (e instanceof ValidationError) throw new ValidationError(e.message, e.errors.map((x) => ({ path: `body.${x.path}`, message: x.message })));
  throw e;
}

/**
 * Refuses a category the user does not have (another user's id and a missing one get the same answer) or an income
 * category (a budget limits spending). Default categories count once the user has been given them.
 */
async function assertCategory(userId: string, categoryId: string | null, deps: BudgetDeps): Promise<void> {
  const categories = await deps.listCategories(userId);
  if (categoryId === null) return;
  const category = categories.find((c) => c.id === categoryId);
  if (!category) throw new ValidationError(`The budget names an unknown category ${categoryId}.`, [{ path: 'body.categoryId', message: `no category ${categoryId}` }]);
  if (category.kind !== 'expense') throw new ValidationError(`${categoryId} is an income category; a budget limits spending, so it needs an expense category.`, [{ path: 'body.categoryId', message: 'is an income category' }]);
}

type BudgetChanges = Partial<Omit<BudgetInput, 'thresholds' | 'startDate'>> & { thresholds?: number[]; startDate?: string | null };

export async function createBudget(userId: string, input: BudgetInput, now = new Date(), deps: BudgetDeps = defaults) {
  let valid: Budget;
  try {
    valid = validateBudget({ id: newId(now.getTime()), ...input });
  } catch (e) {
    prefixed(e);
  }
  await assertCategory(userId, valid.categoryId, deps);
  const at = now.toISOString();
  const record: BudgetRecord = { ...valid, version: 1, createdAt: at, updatedAt: at };
  await deps.budgets.putBudget(userId, record);
  await adviceRefresh(userId, now, deps);
  return budgetView(record);
}

/** Why a write conditional on `expected` failed: the budget is gone (404) or at another version (412). */
async function refusal(userId: string, id: string, expected: number, deps: BudgetDeps): Promise<never> {
  const current = await deps.budgets.getBudget(userId, id);
  if (!current) throw new NotFoundError(`No budget ${id}.`);
  throw new PreconditionFailedError(`The budget is at version ${current.version}, not ${expected}; read it again.`, current.version);
}

/** Changes a budget at the version the caller read (the write is conditional on it). */
export async function updateBudget(userId: string, id: string, changes: BudgetChanges, expected: number, now = new Date(), deps: BudgetDeps = defaults) {
  const current = await deps.budgets.getBudget(userId, id);
  if (!current) throw new NotFoundError(`No budget ${id}.`);
  if (current.version !== expected) await refusal(userId, id, expected, deps);
  let valid: Budget;
  try {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as BudgetChanges;
    valid = validateBudget({ ...current, ...defined, id });
  } catch (e) {
    prefixed(e);
  }
  if (valid.categoryId !== current.categoryId && valid.categoryId !== null) await assertCategory(userId, valid.categoryId, deps);
  const record: BudgetRecord = { ...valid, version: current.version + 1, createdAt: current.createdAt, updatedAt: now.toISOString() };
  if (!(await deps.budgets.putBudget(userId, record, expected))) await refusal(userId, id, expected, deps);
  await adviceRefresh(userId, now, deps);
  return budgetView(record);
}

/** Deletes a budget at the version the caller read. */
export async function deleteBudget(userId: string, id: string, expected: number, deps: BudgetDeps = defaults): Promise<void> {
  if (!(await deps.budgets.deleteBudget(userId, id, expected))) await refusal(userId, id, expected, deps);
  await adviceRefresh(userId, new Date(), deps);
}

// ---------------------------------------------------------------------------------------------------------------
// Status

/** Today's date (YYYY-MM-DD) in an IANA time zone (UTC when the zone is unknown). */
export function todayIn(timezone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

const monthOfDay = (day: string) => day.slice(0, 7);
const addMonth = (month: string, n: number) => {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** The first period a budget's rollover chain replays, and the past periods to replay (oldest first). */
function chainOf(b: BudgetRecord, current: Period): Period[] {
  const first = b.startDate ?? b.createdAt.slice(0, 10);
  const back = Math.min(CHAIN_BOUND[b.period], periodsBetween(b.period, first, current.from));
  return back <= 0 || b.rollover === 'none' ? [] : Array.from({ length: back }, (_, i) => shiftPeriod(b.period, current, i - back));
}

/** The earliest day and month a budget's status reads from the daily and the monthly rollups. */
function needs(b: BudgetRecord, current: Period, date: string): { day: string; month: string } {
  const chain = chainOf(b, current);
  if (b.period === 'weekly') {
    const from = [chain[0]?.from ?? current.from, shiftPeriod('weekly', current, -PACE_HISTORY.weekly).from].sort()[0] ?? current.from;
    return { day: from, month: monthOfDay(current.from) };
  }
  if (b.period === 'monthly') return { day: shiftPeriod('monthly', current, -PACE_HISTORY.monthly).from, month: monthOfDay(chain[0]?.from ?? current.from) };
  // A yearly budget reads its past months from the monthly rollups and only the current month day by day.
  const historyFrom = shiftPeriod('yearly', current, -PACE_HISTORY.yearly).from;
  return { day: `${monthOfDay(date)}-01`, month: monthOfDay([chain[0]?.from ?? current.from, historyFrom].sort()[0] ?? current.from) };
}

/**
 * Rollup reads of one status request, summed per scope on demand: each rollup's category counters are read once,
 * and each (scope, day) or (scope, month) sum is computed once however many budgets share it.
 */
class Figures {
  private readonly dayCounters = new Map<string, CategoryCounters>();
  private readonly monthCounters = new Map<string, CategoryCounters>();
  private readonly memo = new Map<string, bigint>();
  /** The days that had pending-FX transactions (most have none). */
  private readonly pendingDays: [string, StoredFields][] = [];

  /**
   * @param days daily rollups read whole
   * @param months monthly rollups
   * @param earlierPending daily rollups before `days` that had pending FX (yearly budgets)
   */
  constructor(
    days: ReadonlyMap<string, StoredFields>,
    private readonly months: ReadonlyMap<string, { fields: StoredFields; updatedAt: string }>,
    earlierPending: readonly { day: string; fields: StoredFields }[] = [],
  ) {
    for (const d of earlierPending) this.pendingDays.push([d.day, d.fields]);
    for (const [day, fields] of days) {
      this.dayCounters.set(day, categoryCounters(fields));
      if (bigField(fields, FIELD.pendingCount) !== 0n) this.pendingDays.push([day, fields]);
    }
    for (const [month, r] of months) this.monthCounters.set(month, categoryCounters(r.fields));
  }

  private sum(key: string, counters: CategoryCounters | undefined, scope: BudgetScope, scopeKey: string): bigint {
    if (!counters) return 0n;
    const k = `${scopeKey}|${key}`;
    let v = this.memo.get(k);
    if (v === undefined) {
      v = spendOfCounters(counters, scope);
      this.memo.set(k, v);
    }
    return v;
  }

  /** Spending of `scope` (named `scopeKey`) on each day of `from`..`to` (inclusive). */
  dailySpend(scope: BudgetScope, scopeKey: string, from: string, to: string): bigint[] {
    const n = daysBetween(from, to) + 1;
    return Array.from({ length: Math.max(0, n) }, (_, i) => {
      const day = addDays(from, i);
      return this.sum(day, this.dayCounters.get(day), scope, scopeKey);
    });
  }

  monthSpend(scope: BudgetScope, scopeKey: string, month: string): bigint {
    return this.sum(month, this.monthCounters.get(month), scope, scopeKey);
  }

  /** Spending of a whole past period: months from the monthly rollups, weeks from the daily ones. */
  periodSpend(kind: BudgetPeriodKind, scope: BudgetScope, scopeKey: string, p: Period): bigint {
    if (kind === 'weekly') return this.dailySpend(scope, scopeKey, p.from, p.to).reduce((a, x) => a + x, 0n);
    if (kind === 'monthly') return this.monthSpend(scope, scopeKey, monthOfDay(p.from));
    return Array.from({ length: 12 }, (_, i) => this.monthSpend(scope, scopeKey, addMonth(monthOfDay(p.from), i))).reduce((a, x) => a + x, 0n);
  }

  pending(scope: BudgetScope, from: string, to: string): PendingSpend {
    const out: PendingSpend = { count: 0, byCurrency: new Map() };
    for (const [day, fields] of this.pendingDays) if (day >= from && day <= to) addPending(out, fields, scope);
    return out;
  }

  /** When the rollups of the months `from`..`to` last changed (null when none exists). */
  asOf(from: string, to: string): string | null {
    let latest: string | null = null;
    for (const [month, r] of this.months) if (month >= monthOfDay(from) && month <= monthOfDay(to) && r.updatedAt && (latest === null || r.updatedAt > latest)) latest = r.updatedAt;
    return latest;
  }
}

function statusOf(b: BudgetRecord, date: string, categories: readonly AnalyticsCategory[], figures: Figures): BudgetStatus {
  const scope = scopeOf(b.categoryId, categories);
  const key = b.categoryId ?? '*';
  const period = periodContaining(b.period, date);
  const carried = carryInto(b.rollover, BigInt(b.amount), chainOf(b, period).map((p) => figures.periodSpend(b.period, scope, key, p)));
  const spent =
    b.period === 'yearly'
      ? // Past months of the year from the monthly rollups, the current month day by day.
        Array.from({ length: Number(date.slice(5, 7)) - 1 }, (_, m) => figures.monthSpend(scope, key, addMonth(monthOfDay(period.from), m))).reduce((a, x) => a + x, 0n) +
        figures.dailySpend(scope, key, `${monthOfDay(date)}-01`, date).reduce((a, x) => a + x, 0n)
      : figures.dailySpend(scope, key, period.from, date).reduce((a, x) => a + x, 0n);
  let pace;
  if (b.period === 'yearly') {
    const history = Array.from({ length: PACE_HISTORY.yearly }, (_, i) => {
      const year = shiftPeriod('yearly', period, -(i + 1));
      return Array.from({ length: 12 }, (_, m) => figures.monthSpend(scope, key, addMonth(monthOfDay(year.from), m)));
    });
    const month = Number(date.slice(5, 7));
    pace = paceAt(history, month - 1 + Number(date.slice(8, 10)) / daysInMonth(Number(date.slice(0, 4)), month), 12);
  } else {
    const history = Array.from({ length: PACE_HISTORY[b.period] }, (_, i) => {
      const p = shiftPeriod(b.period, period, -(i + 1));
      return figures.dailySpend(scope, key, p.from, p.to);
    });
    pace = paceAt(history, daysBetween(period.from, date) + 1, periodDays(period));
  }
  return budgetStatus({
    budgetId: b.id,
    name: b.name,
    period,
    amount: BigInt(b.amount),
    carriedOver: carried,
    spent,
    pace,
    pending: figures.pending(scope, period.from, date),
    asOf: figures.asOf(period.from, date),
  });
}

/** The earliest status date: its rollover and pace history must stay within the calendar the ledger accepts. */
export const EARLIEST_STATUS_DATE = `${MIN_YEAR + CHAIN_BOUND.yearly + 1}-01-01`;
/** The latest status date: the ISO week containing it ends within the calendar too. */
export const LATEST_STATUS_DATE = `${MAX_YEAR}-12-24`;

function assertStatusDate(date: string): void {
  if (!isCalendarDate(date) || date < EARLIEST_STATUS_DATE || date > LATEST_STATUS_DATE) {
    throw new ValidationError(`${date} is not a date from ${EARLIEST_STATUS_DATE} to ${LATEST_STATUS_DATE}.`, [{ path: 'query.date', message: `must be a calendar date from ${EARLIEST_STATUS_DATE} to ${LATEST_STATUS_DATE}` }]);
  }
}

/** One budget's status with its alert thresholds (what the alerts consumer compares). */
export type BudgetStatusWithThresholds = BudgetStatus & { thresholds: number[] };

/**
 * The status of every budget of the user as of `date` (spending through that day), read from the rollups only:
 * one Query of daily rollups and one of monthly rollups for all budgets, whatever the number of transactions.
 */
export async function budgetStatuses(userId: string, date: string, deps: BudgetReadDeps = readDefaults): Promise<BudgetStatusWithThresholds[]> {
  assertStatusDate(date);
  const budgets = await deps.budgets.listBudgets(userId);
  if (budgets.length === 0) return [];
  const [profile, categories] = await Promise.all([deps.getProfile(userId), deps.readCategories(userId)]);
  const base = profile?.baseCurrency ?? 'EUR';
  const ranges = budgets.map((b) => needs(b, periodContaining(b.period, date), date));
  const fromDay = ranges.map((r) => r.day).sort()[0] ?? date;
  const fromMonth = ranges.map((r) => r.month).sort()[0] ?? monthOfDay(date);
  // Pending FX of a yearly budget before the days read whole: only the days that had any.
  const yearStart = `${date.slice(0, 4)}-01-01`;
  const earlyPending = budgets.some((b) => b.period === 'yearly') && yearStart < fromDay ? deps.pendingDays(userId, base, yearStart, addDays(fromDay, -1)) : Promise.resolve([]);
  const [days, months, early] = await Promise.all([deps.dailyRange(userId, base, fromDay, date), deps.rollupRange(userId, base, fromMonth, monthOfDay(date)), earlyPending]);
  const figures = new Figures(new Map(days.map((d) => [d.day, d.fields])), new Map(months.map((m) => [m.month, { fields: m.fields, updatedAt: m.updatedAt }])), early);
  return budgets.map((b) => ({ ...statusOf(b, date, categories, figures), thresholds: [...b.thresholds] }));
}

/** `GET /budgets/status`: every budget as of `date` (default: today in the user's time zone). */
export async function budgetStatusReport(userId: string, date: string | undefined, now = new Date(), deps: BudgetReadDeps = readDefaults) {
  const day = date ?? todayIn((await deps.getProfile(userId))?.timezone ?? 'UTC', now);
  const items = (await budgetStatuses(userId, day, deps)).map(({ thresholds: _t, ...status }) => status);
  return { date: day, items, method: PACE_METHOD };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluations for the alerts consumer

/** A day on which ledger changes moved spending, and the categories they moved it in (`_uncategorised` for none). */
export interface SpendingTouch {
  date: string;
  categoryIds: readonly string[];
}

/** One budget the touch can move: its first day, its status as of the touched day and as of its period's last day. */
export interface BudgetEvaluation {
  budgetId: string;
  /** The budget's first day (its `startDate`, else the day it was created). */
  start: string;
  atDate: BudgetStatusWithThresholds;
  atEnd: BudgetStatusWithThresholds;
}

/** Whether spending in one of `categoryIds` counts in the scope (a budget of every category counts all). */
const touchesScope = (scope: BudgetScope, categoryIds: readonly string[]) => scope.categoryIds === null || categoryIds.some((id) => scope.categoryIds?.has(id) === true);

type Span = [from: string, to: string];

/** Sorted, overlapping or adjacent spans joined (`next` gives the unit after a bound: the next day or month). */
function joinSpans(spans: Span[], next: (bound: string) => string): Span[] {
  const out: Span[] = [];
  for (const [from, to] of [...spans].filter(([a, b]) => a <= b).sort((x, y) => x[0].localeCompare(y[0]))) {
    const last = out[out.length - 1];
    if (last && from <= next(last[1])) last[1] = to > last[1] ? to : last[1];
    else out.push([from, to]);
  }
  return out;
}

/** The parts of `span` (days) that none of the sorted, disjoint `covered` spans holds. */
function uncovered(span: Span, covered: readonly Span[]): Span[] {
  const out: Span[] = [];
  let from = span[0];
  for (const [a, b] of covered) {
    if (b < from || a > span[1]) continue;
    if (a > from) out.push([from, addDays(a, -1)]);
    from = addDays(b, 1);
  }
  if (from <= span[1]) out.push([from, span[1]]);
  return out;
}

/**
 * The rollups that the statuses of `wanted` (budget, day) pairs read, in as few Queries as their ranges allow:
 * overlapping ranges are read once; the pending-FX days of yearly budgets that the daily reads leave out are read
 * on their own (only the days that had any).
 */
async function figuresFor(userId: string, base: string, wanted: readonly { b: BudgetRecord; date: string }[], deps: BudgetReadDeps): Promise<Figures> {
  const ranges = wanted.map(({ b, date }) => ({ date, need: needs(b, periodContaining(b.period, date), date), yearly: b.period === 'yearly' }));
  const days = joinSpans(ranges.map((r): Span => [r.need.day, r.date]), (d) => addDays(d, 1));
  const months = joinSpans(ranges.map((r): Span => [r.need.month, monthOfDay(r.date)]), (m) => addMonth(m, 1));
  const pendingSpans = joinSpans(ranges.filter((r) => r.yearly).map((r): Span => [`${r.date.slice(0, 4)}-01-01`, r.date]), (d) => addDays(d, 1)).flatMap((s) => uncovered(s, days));
  const [dayRows, monthRows, early] = await Promise.all([
    Promise.all(days.map(([from, to]) => deps.dailyRange(userId, base, from, to))),
    Promise.all(months.map(([from, to]) => deps.rollupRange(userId, base, from, to))),
    Promise.all(pendingSpans.map(([from, to]) => deps.pendingDays(userId, base, from, to))),
  ]);
  return new Figures(new Map(dayRows.flat().map((d) => [d.day, d.fields])), new Map(monthRows.flat().map((m) => [m.month, { fields: m.fields, updatedAt: m.updatedAt }])), early.flat());
}

/**
 * For each touch, the user's budgets whose spending it can move (a budget of every category, or one whose category
 * or a subcategory the touch names), each as of the touched day and as of the last day of its period containing
 * that day: the same statuses {@link budgetStatuses} gives for those days, from one read of the budgets, profile and
 * categories and one read of each range of rollups for all touches. The alerts consumer evaluates a batch of ledger
 * changes with it, passing the profile it has already read (`known`).
 */
export async function budgetEvaluations(userId: string, touches: readonly SpendingTouch[], deps: BudgetReadDeps = readDefaults, known?: Pick<ProfileRecord, 'baseCurrency'>): Promise<BudgetEvaluation[][]> {
  for (const t of touches) assertStatusDate(t.date);
  const budgets = touches.length === 0 ? [] : await deps.budgets.listBudgets(userId);
  if (budgets.length === 0) return touches.map(() => []);
  const [profile, categories] = await Promise.all([known ?? deps.getProfile(userId), deps.readCategories(userId)]);
  const scoped = budgets.map((b) => ({ b, scope: scopeOf(b.categoryId, categories) }));
  const moved = touches.map((t) => scoped.filter((s) => touchesScope(s.scope, t.categoryIds)).map((s) => s.b));
  const wanted = new Map<string, { b: BudgetRecord; date: string }>();
  touches.forEach((t, i) => {
    for (const b of moved[i] ?? []) for (const date of [t.date, periodContaining(b.period, t.date).to]) wanted.set(`${b.id}|${date}`, { b, date });
  });
  const figures = await figuresFor(userId, profile?.baseCurrency ?? 'EUR', [...wanted.values()], deps);
  const memo = new Map<string, BudgetStatusWithThresholds>();
  const status = (b: BudgetRecord, date: string): BudgetStatusWithThresholds => {
    let s = memo.get(`${b.id}|${date}`);
    if (!s) memo.set(`${b.id}|${date}`, (s = { ...statusOf(b, date, categories, figures), thresholds: [...b.thresholds] }));
    return s;
  };
  return touches.map((t, i) =>
    (moved[i] ?? []).map((b) => ({ budgetId: b.id, start: b.startDate ?? b.createdAt.slice(0, 10), atDate: status(b, t.date), atEnd: status(b, periodContaining(b.period, t.date).to) })),
  );
}
