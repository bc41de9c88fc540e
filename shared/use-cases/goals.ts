import { bigField, PREFIX } from '../domain/analytics/fields';
import { addMonths } from '../domain/analytics/months';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { contributionSaved, goalProgress, smallestCut, withContribution, type ContributionEntry, type GoalProgress, type GoalRecord, type MonthFlow } from '../domain/goals';
import { HISTORY_MONTHS } from '../domain/goals/feasibility';
import { assertCalendarDate, addDays } from '../domain/ledger/calendar';
import { isDiscretionary } from '../domain/ledger/categories';
import { readInt } from '../domain/money/exact';
import * as accountsStore from '../adapters/accounts';
import { requestAdviceRefresh } from '../adapters/advice';
import { listCategories } from '../adapters/categories';
import * as goalsStore from '../adapters/goals';
import { newId } from '../adapters/ids';
import { getProfile } from '../adapters/profiles';
import { logger } from '../observability';
import { rollupRange } from '../adapters/rollups';
import type { GoalsPort } from '../ports/goals';
import type { RollupsPort } from '../ports/rollups';
import { assertCurrency } from './currency';

/**
 * What the goal use cases read and write, as ports. Every function takes it last and defaults to the DynamoDB
 * adapters; unit tests pass in-memory ones (tests/support/memory) or mock the adapter modules.
 */
export interface GoalDeps {
  goals: GoalsPort;
  listAccounts: (userId: string) => Promise<accountsStore.AccountRecord[]>;
  getAccount: (userId: string, id: string) => Promise<accountsStore.AccountRecord | undefined>;
  getProfile: (userId: string) => Promise<GoalProfile | undefined>;
  rollupRange: RollupsPort['rollupRange'];
  listCategories: (userId: string) => Promise<{ id: string; parentId: string | null }[]>;
  /** Asks for the user's advice to be recomputed after a goal write (an outbox event); absent in unit tests. */
  requestAdviceRefresh?: (userId: string, source: 'goal', now: Date) => Promise<void>;
}

/** What the goal use cases read of the profile. */
type GoalProfile = { baseCurrency: string; timezone: string };

/** What the reads use (goals with progress, statuses): no write, no advice request. */
export type GoalReadDeps = Pick<GoalDeps, 'listAccounts' | 'getProfile' | 'rollupRange' | 'listCategories'> & { goals: Pick<GoalsPort, 'listGoals' | 'getGoal'> };

// Apart from the writes' deps, so a function that only reads carries no write adapter or outbox in its bundle.
const readDefaults = (): GoalReadDeps => ({
  goals: { listGoals: goalsStore.listGoals, getGoal: goalsStore.getGoal },
  listAccounts: accountsStore.listAccounts,
  getProfile,
  rollupRange,
  listCategories,
});

const defaults = (): GoalDeps => ({
  goals: goalsStore,
  listAccounts: accountsStore.listAccounts,
  getAccount: accountsStore.getAccount,
  getProfile,
  rollupRange,
  listCategories,
  requestAdviceRefresh,
});

/** After a successful write: a lost request only delays the advice to the next write or the monthly refresh, so it never fails the write. */
async function adviceRefresh(userId: string, now: Date, deps: GoalDeps): Promise<void> {
  try {
    await deps.requestAdviceRefresh?.(userId, 'goal', now);
  } catch (e) {
    logger.warn('advice refresh request failed', { userId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Today (YYYY-MM-DD) in an IANA time zone; UTC when the zone is unknown. */
export function todayIn(timezone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The earliest day progress is computed for: its 12 months of history must lie in the ledger calendar (from 1900). */
const FIRST_AS_OF = '1901-01-01';

/** Everything a goal's progress is computed from that is shared by all the user's goals. */
interface Context {
  asOf: string;
  base: string;
  /** Complete months before asOf's month with a rollup, oldest first: month → fields. */
  rollups: Map<string, Readonly<Record<string, number | bigint>>>;
  /** The window of complete months read (oldest first). */
  window: string[];
  accounts: Map<string, accountsStore.AccountRecord>;
  parentOf: (id: string) => string | null | undefined;
}

/**
 * What the goals' progress is computed from. `status.statusOnly` (the statuses the alerts consumer reads, no
 * suggestion): no categories, and the monthly rollups only when a goal follows an account (its flow history);
 * `status.known`: the profile, already read.
 */
async function context(userId: string, asOf: string | undefined, needAccounts: boolean, deps: GoalReadDeps, now: Date, status?: { statusOnly: true; known?: GoalProfile }): Promise<Context> {
  const statusOnly = status?.statusOnly === true;
  const profile = status?.known ?? (await deps.getProfile(userId));
  const base = profile?.baseCurrency ?? 'EUR';
  const day = asOf === undefined ? todayIn(profile?.timezone ?? 'UTC', now) : assertCalendarDate(asOf, 'query.asOf');
  if (day < FIRST_AS_OF) throw new ValidationError(`asOf ${day} is too early: the 12 months before it must be in the calendar.`, [{ path: 'query.asOf', message: `must be ${FIRST_AS_OF} or later` }]);
  const month = day.slice(0, 7);
  const window = Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(month, i - HISTORY_MONTHS));
  const [stored, accounts, categories] = await Promise.all([
    statusOnly && !needAccounts ? Promise.resolve([]) : deps.rollupRange(userId, base, window[0] ?? month, window[window.length - 1] ?? month),
    needAccounts ? deps.listAccounts(userId) : Promise.resolve([]),
    statusOnly ? Promise.resolve([]) : deps.listCategories(userId),
  ]);
  const parents = new Map(categories.map((c) => [c.id, c.parentId]));
  return {
    asOf: day,
    base,
    rollups: new Map(stored.map((r) => [r.month, r.fields])),
    window,
    accounts: new Map(accounts.map((a) => [a.id, a])),
    parentOf: (id) => parents.get(id),
  };
}

/** The account's balance in `currency`: opening balance + transactions in its own currency, or the other currency's sum. */
function accountBalance(a: accountsStore.AccountRecord, currency: string): bigint {
  const inCurrency = readInt(a.balances[currency]) ?? 0n;
  return a.currency === currency ? BigInt(a.openingBalance) + inCurrency : inCurrency;
}

/** The goal's saved amount, its monthly history and (when the history cannot be used) why. */
function factsOf(g: GoalRecord, ctx: Context): { saved: bigint; history: MonthFlow[]; source: string; unavailable?: string } {
  if (g.accountId !== null) {
    const account = ctx.accounts.get(g.accountId);
    if (!account) return { saved: 0n, history: [], source: 'account-flow', unavailable: `the account ${g.accountId} no longer exists` };
    const saved = accountBalance(account, g.currency);
    if (g.currency !== ctx.base) return { saved, history: [], source: 'account-flow', unavailable: `the account's monthly flow is recorded in your base currency ${ctx.base}, not in the goal's ${g.currency}` };
    const flows = ctx.window.map((month) => ({ month, amount: bigField(ctx.rollups.get(month), PREFIX.account + g.accountId) }));
    // From the account's first month with any flow in the window (an imported or back-dated ledger counts).
    const first = flows.findIndex((m) => m.amount !== 0n);
    return { saved, history: first < 0 ? [] : flows.slice(first), source: 'account-flow' };
  }
  const firstContribution = Object.keys(g.contributions).sort()[0];
  const from = [g.createdAt.slice(0, 7), ...(firstContribution ? [firstContribution] : [])].sort()[0] ?? g.createdAt.slice(0, 7);
  const history = ctx.window.filter((m) => m >= from).map((month) => ({ month, amount: BigInt(g.contributions[month] ?? 0) }));
  return { saved: contributionSaved(g), history, source: 'contributions' };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The discretionary spend of the latest 3 complete months, per category (base currency, safe integers only). */
function discretionarySpend(ctx: Context): { months: string[]; spend: Map<string, number[]> } {
  const months = ctx.window.slice(-3);
  const spend = new Map<string, number[]>();
  months.forEach((month, i) => {
    for (const [name, value] of Object.entries(ctx.rollups.get(month) ?? {})) {
      if (!name.startsWith(PREFIX.expenseCategory)) continue;
      const id = name.slice(PREFIX.expenseCategory.length);
      const big = readInt(value);
      if (big === undefined || big <= 0n || big > SAFE || !isDiscretionary(id, ctx.parentOf)) continue;
      const row = spend.get(id) ?? months.map(() => 0);
      row[i] = Number(big);
      spend.set(id, row);
    }
  });
  return { months, spend };
}

function suggestionFor(g: GoalRecord, p: GoalProgress, ctx: Context) {
  if (p.status === 'reached' || p.requiredMonthly === null || g.currency !== ctx.base) return null;
  const required = BigInt(p.requiredMonthly);
  const average = p.averageMonthly === null ? 0n : BigInt(p.averageMonthly);
  const gap = required - (average > 0n ? average : 0n);
  if (gap <= 0n || gap > SAFE) return null;
  const { months, spend } = discretionarySpend(ctx);
  return smallestCut(Number(gap), months, spend);
}

function contributionView(c: ContributionEntry) {
  return { id: c.id, amount: c.amount, date: c.date, note: c.note, createdAt: c.createdAt };
}

/** The API view of a goal with its progress as of `ctx.asOf`. */
function goalView(g: GoalRecord, ctx: Context) {
  const facts = factsOf(g, ctx);
  const progress = goalProgress({ goalId: g.id, targetAmount: g.targetAmount, targetDate: g.targetDate, asOf: ctx.asOf, ...facts });
  const { monthsLeft: _left, ...shown } = progress;
  return {
    id: g.id,
    name: g.name,
    targetAmount: g.targetAmount,
    currency: g.currency,
    targetDate: g.targetDate,
    accountId: g.accountId,
    startAmount: g.startAmount,
    contributionCount: g.contributionCount,
    recentContributions: g.recentContributions.map(contributionView),
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    asOf: ctx.asOf,
    savedFrom: g.accountId !== null ? ('account' as const) : ('contributions' as const),
    ...shown,
    suggestion: suggestionFor(g, progress, ctx),
  };
}

/** Every goal of the user with its progress. */
export async function listGoals(userId: string, asOf?: string, deps: GoalReadDeps = readDefaults(), now = new Date()) {
  const goals = await deps.goals.listGoals(userId);
  const ctx = await context(userId, asOf, goals.some((g) => g.accountId !== null), deps, now);
  return { items: goals.map((g) => goalView(g, ctx)) };
}

/** One goal with its progress. */
export async function getGoal(userId: string, id: string, asOf?: string, deps: GoalReadDeps = readDefaults(), now = new Date()) {
  const g = await deps.goals.getGoal(userId, id);
  if (!g) throw new NotFoundError(`No goal ${id}.`);
  return goalView(g, await context(userId, asOf, g.accountId !== null, deps, now));
}

/** What the alerts consumer reads of each goal: its status as of a day. */
export interface GoalStatusRow {
  goalId: string;
  name: string;
  status: GoalProgress['status'];
  saved: number | string;
  targetAmount: number;
  currency: string;
  percent: number;
  targetDate: string | null;
  projectedCompletion: string | null;
}

/**
 * Every goal's status as of `asOf` (YYYY-MM-DD), for the alerts consumer (`goal.reached`, `goal.off_track`): the
 * same figures `GET /goals` answers, from pre-computed data only. Only what the statuses need is read: nothing
 * past the goals for a user without any, no categories (they only shape the suggestion), the monthly rollups only
 * when a goal follows an account, and not the profile when the caller has it (`known`).
 */
export async function goalStatuses(userId: string, asOf: string, deps: GoalReadDeps = readDefaults(), known?: GoalProfile): Promise<GoalStatusRow[]> {
  const goals = await deps.goals.listGoals(userId);
  if (goals.length === 0) return [];
  const ctx = await context(userId, asOf, goals.some((g) => g.accountId !== null), deps, new Date(), { statusOnly: true, ...(known ? { known } : {}) });
  return goals.map((g) => {
    const p = goalProgress({ goalId: g.id, targetAmount: g.targetAmount, targetDate: g.targetDate, asOf: ctx.asOf, ...factsOf(g, ctx) });
    return { goalId: g.id, name: g.name, status: p.status, saved: p.saved, targetAmount: g.targetAmount, currency: g.currency, percent: p.percent, targetDate: g.targetDate, projectedCompletion: p.projectedCompletion };
  });
}

export interface GoalInput {
  name: string;
  targetAmount: number;
  currency?: string | undefined;
  targetDate?: string | undefined;
  accountId?: string | undefined;
  startAmount?: number | undefined;
}

/** Refuses a target date that is not a calendar date or is before today. */
function checkTargetDate(date: string, today: string): void {
  assertCalendarDate(date, 'body.targetDate');
  if (date < today) throw new ValidationError(`The target date ${date} is in the past (today is ${today}).`, [{ path: 'body.targetDate', message: `must not be before today (${today})` }]);
}

async function checkAccount(userId: string, accountId: string, deps: GoalDeps): Promise<void> {
  if (!(await deps.getAccount(userId, accountId))) throw new ValidationError(`The goal names an unknown account ${accountId}.`, [{ path: 'body.accountId', message: `no account ${accountId}` }]);
}

export async function createGoal(userId: string, input: GoalInput, deps: GoalDeps = defaults(), now = new Date()) {
  const profile = await deps.getProfile(userId);
  const currency = input.currency ?? profile?.baseCurrency ?? 'EUR';
  assertCurrency(currency, 'body.currency');
  if (input.targetDate !== undefined) checkTargetDate(input.targetDate, todayIn(profile?.timezone ?? 'UTC', now));
  if (input.accountId !== undefined) {
    if (input.startAmount) {
      throw new ValidationError('A goal that follows an account takes its progress from the balance; it has no start amount.', [{ path: 'body.startAmount', message: 'not allowed with accountId' }]);
    }
    await checkAccount(userId, input.accountId, deps);
  }
  const at = now.toISOString();
  const goal: GoalRecord = {
    id: newId(now.getTime()),
    name: input.name,
    targetAmount: input.targetAmount,
    currency,
    targetDate: input.targetDate ?? null,
    accountId: input.accountId ?? null,
    startAmount: input.startAmount ?? 0,
    contributions: {},
    contributedEarlier: 0,
    recentContributions: [],
    contributionCount: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.goals.createGoal(userId, goal))) throw new Error(`goal id ${goal.id} collided`);
  if (goal.accountId !== null && !(await deps.getAccount(userId, goal.accountId))) {
    // The account was deleted while this goal was written (its delete detaches what it sees; this side undoes the rest).
    await deps.goals.deleteGoal(userId, goal.id, goal.version);
    await checkAccount(userId, goal.accountId, deps);
  }
  await adviceRefresh(userId, now, deps);
  return goalView(goal, await context(userId, undefined, goal.accountId !== null, deps, now));
}

/** Why a write conditional on `expected` failed: the goal is gone (404) or at another version (412). */
async function refusal(userId: string, id: string, expected: number, deps: GoalDeps): Promise<never> {
  const current = await deps.goals.getGoal(userId, id);
  if (!current) throw new NotFoundError(`No goal ${id}.`);
  throw new PreconditionFailedError(`The goal is at version ${current.version}, not ${expected}; read it again.`, current.version);
}

export type GoalChanges = { name?: string | undefined; targetAmount?: number | undefined; currency?: string | undefined; targetDate?: string | null | undefined; accountId?: string | null | undefined; startAmount?: number | undefined };

/** Changes a goal at the version the caller read (the write is conditional on it). */
export async function updateGoal(userId: string, id: string, changes: GoalChanges, expected: number, deps: GoalDeps = defaults(), now = new Date()) {
  const current = await deps.goals.getGoal(userId, id);
  if (!current) throw new NotFoundError(`No goal ${id}.`);
  if (current.version !== expected) await refusal(userId, id, expected, deps);
  if (changes.currency !== undefined) assertCurrency(changes.currency, 'body.currency');
  if (changes.targetDate !== undefined && changes.targetDate !== null && changes.targetDate !== current.targetDate) {
    const profile = await deps.getProfile(userId);
    checkTargetDate(changes.targetDate, todayIn(profile?.timezone ?? 'UTC', now));
  }
  const next: GoalRecord = {
    ...current,
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.targetAmount !== undefined ? { targetAmount: changes.targetAmount } : {}),
    ...(changes.currency !== undefined ? { currency: changes.currency } : {}),
    ...(changes.targetDate !== undefined ? { targetDate: changes.targetDate } : {}),
    ...(changes.accountId !== undefined ? { accountId: changes.accountId } : {}),
    ...(changes.startAmount !== undefined ? { startAmount: changes.startAmount } : {}),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  if (next.accountId !== null) {
    if (next.startAmount !== 0 || next.contributionCount > 0) {
      throw new ConflictError('This goal has a start amount or contributions; a goal that follows an account takes its progress from the balance alone. Create a new goal for the account instead.');
    }
    if (next.accountId !== current.accountId) await checkAccount(userId, next.accountId, deps);
  }
  if (!(await deps.goals.replaceGoal(userId, next, expected))) await refusal(userId, id, expected, deps);
  if (next.accountId !== null && next.accountId !== current.accountId && !(await deps.getAccount(userId, next.accountId))) {
    // The account was deleted meanwhile: the goal goes back to what it followed before, one version on.
    await deps.goals.replaceGoal(userId, { ...next, accountId: current.accountId, version: next.version + 1 }, next.version);
    await checkAccount(userId, next.accountId, deps);
  }
  await adviceRefresh(userId, now, deps);
  return goalView(next, await context(userId, undefined, next.accountId !== null, deps, now));
}

/** Deletes a goal at the version the caller read. */
export async function deleteGoal(userId: string, id: string, expected: number, deps: GoalDeps = defaults()): Promise<void> {
  if (!(await deps.goals.deleteGoal(userId, id, expected))) await refusal(userId, id, expected, deps);
  await adviceRefresh(userId, new Date(), deps);
}

/**
 * Records a contribution to a goal that does not follow an account: the month's running total and the recent list
 * change in one conditional write on the goal's version (re-read and retried when another contribution or change
 * won the race, so none is lost).
 */
export async function addContribution(userId: string, id: string, input: { amount: number; date: string; note?: string | undefined }, deps: GoalDeps = defaults(), now = new Date()) {
  assertCalendarDate(input.date, 'body.date');
  const latest = addDays(now.toISOString().slice(0, 10), 1);
  if (input.date > latest) throw new ValidationError(`The contribution date ${input.date} is in the future.`, [{ path: 'body.date', message: `must not be after ${latest}` }]);
  const entry: ContributionEntry = { id: newId(now.getTime()), amount: input.amount, date: input.date, note: input.note ? input.note : null, createdAt: now.toISOString() };
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await deps.goals.getGoal(userId, id);
    if (!current) throw new NotFoundError(`No goal ${id}.`);
    if (current.accountId !== null) {
      throw new ConflictError(`This goal follows the balance of account ${current.accountId}; record the money as a transaction or transfer into that account instead of a contribution.`, { accountId: current.accountId });
    }
    const next = withContribution(current, entry, now.toISOString());
    if (await deps.goals.replaceGoal(userId, next, current.version)) {
      await adviceRefresh(userId, now, deps);
      return { contribution: contributionView(entry), goal: goalView(next, await context(userId, undefined, false, deps, now)) };
    }
  }
  throw new ConflictError('Too many concurrent changes to this goal; try again.');
}

/**
 * Makes every goal that follows a deleted account a contribution goal (`accountId` null, one version on), so no goal
 * follows an account that is gone. A goal changed meanwhile is read again.
 */
export async function detachGoalsFollowing(userId: string, accountId: string, deps: Pick<GoalDeps, 'goals'> = defaults(), now = new Date()): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const following = (await deps.goals.listGoals(userId)).filter((g) => g.accountId === accountId);
    if (following.length === 0) return;
    await Promise.all(following.map((g) => deps.goals.replaceGoal(userId, { ...g, accountId: null, version: g.version + 1, updatedAt: now.toISOString() }, g.version)));
  }
}

/** The user's goals that follow an account (for the account-deletion check). */
export async function goalsFollowingAccount(userId: string, accountId: string, deps: Pick<GoalDeps, 'goals'> = defaults()): Promise<{ id: string; name: string }[]> {
  return (await deps.goals.listGoals(userId)).filter((g) => g.accountId === accountId).map((g) => ({ id: g.id, name: g.name }));
}
