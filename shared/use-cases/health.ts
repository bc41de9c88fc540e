import { addMonths } from '../domain/analytics/months';
import { bigField, FIELD, PREFIX, type StoredFields } from '../domain/analytics/fields';
import { ValidationError } from '../domain/errors';
import {
  budgetAdherence,
  COMPONENT_KEYS,
  emergencyFund,
  goalProgress,
  healthDropAlert,
  healthScore,
  monthlyEquivalent,
  recurringBurden,
  savingsRate,
  scoreChange,
  spendingStability,
  type ComponentKey,
  type HealthComponent,
} from '../domain/health';
import { addDays, daysInMonth, MIN_YEAR } from '../domain/ledger/calendar';
import type { AlertDraft, AlertPreferences } from '../domain/alerts/alert';
import * as accountsStore from '../adapters/accounts';
import * as alertStore from '../adapters/alerts';
import { getProfile } from '../adapters/profiles';
import { rollupRange } from '../adapters/rollups';
import { latestRates } from '../adapters/fx-rates';
import { convertWithTable } from '../domain/fx';
import { openAdvice } from './advice';
import { budgetStatuses, EARLIEST_STATUS_DATE, todayIn } from './budgets';
import { goalStatuses } from './goals';
import { recurringItems } from './recurring';

/** Months of the trailing savings-rate (and income) window, the report's month included. */
export const SAVINGS_MONTHS = 3;
/** Months of the spending-stability and emergency-fund window: the last complete months up to the report's month. */
export const STABILITY_MONTHS = 6;
/** A month whose last day is at most this many days ago raises the `health.drop` alert (as the alerts consumer's window). */
export const ALERT_WINDOW_DAYS = 365;
const FIRST_MONTH = `${MIN_YEAR}-01`;
const LIQUID = new Set(['checking', 'savings', 'cash']);
/** The earliest day goal progress is computed for (its 12 months of history lie in the calendar). */
const FIRST_GOAL_DAY = `${MIN_YEAR + 1}-01-01`;

/** The method statement of the report. */
export const HEALTH_METHOD =
  'Score = Σ points ÷ Σ maxPoints of the components that have data × 100, rounded half up; a component without data is left out and the rest rescaled. ' +
  'Each component earns points on a piecewise-linear scale between fixed boundaries (linear between two, flat outside): ' +
  `savings rate = (income − expenses) ÷ income over the ${SAVINGS_MONTHS} months ending with the report's month (a trailing figure; the current month counts as far as it has gone) — 0 % 0, 10 % 60 %, 20 % all of 25 points; ` +
  `emergency fund = checking, savings and cash accounts in the base currency at the end of the month (today for the current month: the balance now minus the account flows of the later months) ÷ the median monthly expenses of the last ${STABILITY_MONTHS} complete months — 0, 1 month a third, 3 months all of 20 points; ` +
  'budget adherence = share of budgets whose period containing the month\'s last day (today for the current month) is within its limit — 50 % 0, 80 % half, 100 % all of 15 points; ' +
  `spending stability = coefficient of variation (population) of monthly expenses over the last ${STABILITY_MONTHS} complete months (at least 3 with spending) — 10 % all, 25 % half, 50 % none of 10 points; ` +
  'recurring burden = the recurring expenses listed now (not ignored; another currency at the latest ECB rate, left out without one), per month (weekly × 52/12 … yearly ÷ 12) ÷ the mean monthly income of the savings window\'s months with income — 25 % all, 40 % half, 60 % none of 15 points; ' +
  'goal progress = share of goals on track or reached as of the month\'s last day (today for the current month) — 0 none, 50 % 40 %, 100 % all of 15 points. ' +
  `Read only from pre-computed state: the monthly rollups from ${STABILITY_MONTHS} months before the report's month to now (one Query), accounts, budget and goal statuses, recurring payments and open advice. ` +
  `change compares with the previous month's score computed the same way; a drop of 10 points or more raises one \`health.drop\` alert per month when the report is computed for a month that ended less than ${ALERT_WINDOW_DAYS} days ago or the current month.`;

/** Advice kinds that speak to each component (the report lists their open advice first, in component order). */
const ADVICE_OF: Readonly<Record<ComponentKey, readonly string[]>> = {
  savings_rate: ['savings.rate'],
  emergency_fund: ['emergency.fund'],
  budget_adherence: ['budgets.suggested'],
  spending_stability: ['category.above_baseline', 'fx.effect'],
  recurring_burden: ['subscriptions.total', 'subscriptions.price_rise', 'subscriptions.unused'],
  goal_progress: ['goal.funding'],
};

/** What the report reads; the DynamoDB adapters and the other use cases by default, fakes in unit tests. */
export interface HealthDeps {
  profile(userId: string): Promise<{ baseCurrency: string; timezone: string } | undefined>;
  rollupRange(userId: string, base: string, from: string, to: string): Promise<{ month: string; fields: StoredFields }[]>;
  accounts(userId: string): Promise<{ id: string; type: string; currency: string; openingBalance: number; balances: Record<string, number | bigint>; archived: boolean }[]>;
  budgetStatuses(userId: string, date: string): Promise<{ status: string }[]>;
  goalStatuses(userId: string, asOf: string): Promise<{ status: string }[]>;
  recurringItems(userId: string): Promise<{ type: string; period: string; averageAmount: number; currency: string; status: string }[]>;
  openAdvice(userId: string): Promise<{ id: string; kind: string }[]>;
  /** ECB rates (units per EUR) published on or before `date`, at most 7 days older; read only for recurring payments in another currency. */
  rates(date: string): Promise<Record<string, string> | undefined>;
  alertPreferences(userId: string): Promise<AlertPreferences>;
  putAlertOnce(userId: string, alert: AlertDraft, now: Date): Promise<unknown>;
}

const defaults = (): HealthDeps => ({
  profile: getProfile,
  rollupRange,
  accounts: accountsStore.listAccounts,
  budgetStatuses,
  goalStatuses,
  recurringItems,
  openAdvice: (userId) => openAdvice(userId),
  rates: async (date) => (await latestRates('EUR', date, addDays(date, -7)))?.rates,
  alertPreferences: alertStore.getPreferences,
  putAlertOnce: (userId, alert, now) => alertStore.putAlertOnce(userId, alert, now),
});

const lastDayOf = (month: string) => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
const num = (v: bigint) => Number(v);
const shift = (month: string, n: number): string | null => {
  try {
    return addMonths(month, n);
  } catch {
    return null;
  }
};
/** The months from `n` months before `month` to `month`, within the calendar. */
const windowEnding = (month: string, n: number) => Array.from({ length: n }, (_, i) => shift(month, i - n + 1)).filter((m): m is string => m !== null);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Everything shared by the report's month and the previous month's. */
interface Facts {
  base: string;
  currentMonth: string;
  today: string;
  rollups: Map<string, StoredFields>;
  accounts: Awaited<ReturnType<HealthDeps['accounts']>>;
  /** Recurring expenses (not ignored) per month in the base currency, and how many could not be converted. */
  recurring: { monthly: number; items: number; left: number };
}

/** The components of one month (the report's or the previous one). */
async function componentsOf(userId: string, month: string, facts: Facts, deps: HealthDeps) {
  const asOf = month === facts.currentMonth ? facts.today : lastDayOf(month);
  const exp = (m: string) => num(bigField(facts.rollups.get(m), FIELD.expenses));
  const inc = (m: string) => num(bigField(facts.rollups.get(m), FIELD.income));

  const savingsWindow = windowEnding(month, SAVINGS_MONTHS);
  const income = savingsWindow.reduce((a, m) => a + inc(m), 0);
  const expenses = savingsWindow.reduce((a, m) => a + exp(m), 0);
  const savings = savingsRate({ income, expenses, from: savingsWindow[0] ?? month, to: month });

  const lastComplete = month === facts.currentMonth ? shift(month, -1) : month;
  const stableWindow = lastComplete ? windowEnding(lastComplete, STABILITY_MONTHS) : [];
  const withSpending = stableWindow.filter((m) => exp(m) > 0);
  const stability = spendingStability({ expenses: withSpending.map(exp), from: withSpending[0] ?? '', to: withSpending.at(-1) ?? '' });

  const liquid = facts.accounts.filter((a) => !a.archived && LIQUID.has(a.type) && a.currency === facts.base);
  const later = [...facts.rollups.keys()].filter((m) => m > month && m <= facts.currentMonth);
  const balanceAt = (a: (typeof liquid)[number]) => BigInt(a.openingBalance) + BigInt(a.balances[a.currency] ?? 0) - later.reduce((s, m) => s + bigField(facts.rollups.get(m), PREFIX.account + a.id), 0n);
  const liquidBalance = liquid.length === 0 ? null : num(liquid.reduce((s, a) => s + balanceAt(a), 0n));
  const emergency = emergencyFund({ liquidBalance, medianMonthlyExpenses: median(withSpending.map(exp)), months: withSpending.length });

  const incomeMonths = savingsWindow.filter((m) => inc(m) > 0);
  const recurring = recurringBurden({
    monthlyRecurring: facts.recurring.monthly,
    items: facts.recurring.items,
    monthlyIncome: incomeMonths.length === 0 ? 0 : incomeMonths.reduce((a, m) => a + inc(m), 0) / incomeMonths.length,
    left: facts.recurring.left,
  });

  const [budgets, goals] = await Promise.all([
    asOf >= EARLIEST_STATUS_DATE ? deps.budgetStatuses(userId, asOf) : Promise.resolve([]),
    asOf >= FIRST_GOAL_DAY ? deps.goalStatuses(userId, asOf) : Promise.resolve([]),
  ]);
  const adherence = budgetAdherence({ budgets: budgets.length, within: budgets.filter((b) => b.status !== 'over').length, asOf });
  const progress = goalProgress({ goals: goals.length, onTrack: goals.filter((g) => g.status === 'on_track' || g.status === 'reached').length, asOf });

  return healthScore([savings, emergency, adherence, stability, recurring, progress]);
}

/**
 * The recurring expenses (not ignored) per month in the base currency: others converted at the latest ECB rates of
 * today (one read, only when there are any); one without a rate is left out and counted.
 */
async function recurringMonthly(items: Awaited<ReturnType<HealthDeps['recurringItems']>>, base: string, today: string, deps: HealthDeps): Promise<Facts['recurring']> {
  const expenses = items.filter((r) => r.type === 'expense' && r.status !== 'ignored');
  const rates = expenses.some((r) => r.currency !== base) ? await deps.rates(today) : undefined;
  let monthly = 0;
  let left = 0;
  for (const r of expenses) {
    let amount: number | undefined = r.averageAmount;
    if (r.currency !== base) {
      try {
        amount = rates ? convertWithTable(Math.round(r.averageAmount), r.currency, base, rates) : undefined;
      } catch {
        amount = undefined;
      }
    }
    if (amount === undefined) left++;
    else monthly += monthlyEquivalent(amount, r.period);
  }
  return { monthly, items: expenses.length - left, left };
}

/** The report's month: given, or the current month in the user's time zone; never in the future or before the calendar. */
function reportMonth(month: string | undefined, currentMonth: string): string {
  const m = month ?? currentMonth;
  if (m > currentMonth) throw new ValidationError(`${m} is in the future (the current month is ${currentMonth}).`, [{ path: 'query.month', message: `must not be after the current month ${currentMonth}` }]);
  if (m < FIRST_MONTH) throw new ValidationError(`${m} is before the ledger's calendar, which starts in ${FIRST_MONTH}.`, [{ path: 'query.month', message: `must be ${FIRST_MONTH} or later` }]);
  return m;
}

/** Open advice ids, those speaking to the components that lost most points first. */
function adviceIdsFor(advice: readonly { id: string; kind: string }[], components: readonly HealthComponent[]): string[] {
  const lost = new Map(components.map((c) => [c.key, c.maxPoints - c.points]));
  const rank = (kind: string) => {
    const key = COMPONENT_KEYS.find((k) => ADVICE_OF[k].includes(kind));
    return key === undefined ? -1 : (lost.get(key) ?? 0);
  };
  return [...advice].sort((a, b) => rank(b.kind) - rank(a.kind)).map((a) => a.id);
}

/**
 * `GET /reports/health`: the month's financial-health score, its components, the change from the previous month and
 * the open advice ids; raises the `health.drop` alert (once per month) when the score fell 10 points or more.
 */
export async function healthReport(userId: string, month: string | undefined, now = new Date(), deps: HealthDeps = defaults()) {
  const profile = await deps.profile(userId);
  const base = profile?.baseCurrency ?? 'EUR';
  const today = todayIn(profile?.timezone ?? 'UTC', now);
  const currentMonth = today.slice(0, 7);
  const m = reportMonth(month, currentMonth);
  const previous = shift(m, -1);
  const from = shift(m, -STABILITY_MONTHS) ?? FIRST_MONTH;
  const [rows, accounts, recurring, advice] = await Promise.all([deps.rollupRange(userId, base, from, currentMonth), deps.accounts(userId), deps.recurringItems(userId), deps.openAdvice(userId)]);
  const facts: Facts = { base, currentMonth, today, rollups: new Map(rows.map((r) => [r.month, r.fields])), accounts, recurring: await recurringMonthly(recurring, base, today, deps) };
  const [current, before] = await Promise.all([componentsOf(userId, m, facts, deps), previous ? componentsOf(userId, previous, facts, deps) : Promise.resolve(null)]);
  const change = scoreChange(current.score, before?.score ?? null);

  const alert = healthDropAlert(m, current.score, change, current.components);
  if (alert && lastDayOf(m) >= addDays(today, -ALERT_WINDOW_DAYS) && (await deps.alertPreferences(userId))['health.drop'].enabled) await deps.putAlertOnce(userId, alert, now);

  return { month: m, baseCurrency: base, score: current.score, components: current.components, change, adviceIds: adviceIdsFor(advice, current.components), method: HEALTH_METHOD };
}

/**
 * Evaluates the `health.drop` alert of the last complete month (in the user's time zone) without a request: for a
 * monthly job (e.g. the advice consumer's monthly refresh) to call per user. Stores the alert at most once per month,
 * like the report does; returns the delta, or null without a change to compare.
 */
export async function checkHealthDrop(userId: string, now = new Date(), deps: HealthDeps = defaults()): Promise<number | null> {
  const profile = await deps.profile(userId);
  const lastComplete = shift(todayIn(profile?.timezone ?? 'UTC', now).slice(0, 7), -1);
  if (!lastComplete) return null;
  return (await healthReport(userId, lastComplete, now, deps)).change?.delta ?? null;
}
