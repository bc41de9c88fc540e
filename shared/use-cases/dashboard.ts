import { addMonths } from '../domain/analytics/months';
import { DomainError, ValidationError } from '../domain/errors';
import { MAX_HISTORY_MONTHS } from '../domain/forecast/forecast';
import { addDays, MIN_YEAR } from '../domain/ledger/calendar';
import { ALERTS_PAGE } from '../contracts/alerts';
import { DASHBOARD_FORECAST_MONTHS, DASHBOARD_SECTIONS, DASHBOARD_TREND_MONTHS } from '../contracts/dashboard';
import type { Principal } from '../ports/principal';
import * as accountsStore from '../adapters/accounts';
import * as alertStore from '../adapters/alerts';
import * as budgetStore from '../adapters/budgets';
import { listCategories } from '../adapters/categories';
import { latestRates } from '../adapters/fx-rates';
import * as goalStore from '../adapters/goals';
import { dailyRange, rollupRange, type StoredRollup } from '../adapters/rollups';
import { logger } from '../observability';
import { accountsPage } from './accounts';
import * as advice from './advice';
import * as alerts from './alerts';
import * as analytics from './analytics';
import * as budgets from './budgets';
import * as forecast from './forecast';
import * as goals from './goals';
import * as health from './health';
import { getMe } from './me';
import { recurringItems } from './recurring';

/** The sections of the dashboard besides the profile, in answer order. */
export const SECTIONS = DASHBOARD_SECTIONS;
export type Section = (typeof SECTIONS)[number];

/** The earliest month: its trend's first month and the health report's previous month lie in the ledger calendar. */
export const FIRST_DASHBOARD_MONTH = `${MIN_YEAR + 1}-01`;
/** Months of rollups before the current one read once for every section (the forecast's history is the longest). */
const SHARED_ROLLUP_MONTHS = MAX_HISTORY_MONTHS;

/**
 * A function whose answers are kept for the rest of the request, by argument: the same item asked for by two sections
 * is read once. A failed read is kept too (each section that asked fails alike; the next request reads again).
 */
export function memo<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const kept = new Map<string, Promise<R>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let answer = kept.get(key);
    if (!answer) {
      answer = fn(...args);
      kept.set(key, answer);
    }
    return answer;
  };
}

type RollupRead = (userId: string, base: string, from: string, to: string) => Promise<StoredRollup[]>;

/**
 * Monthly rollups through one read of `from0`..`to0` for every range inside it (the budgets', goals', forecast's and
 * health report's windows overlap, and one Query of their union costs less than one each); a range reaching outside
 * is read on its own.
 */
export function coveringRollups(read: RollupRead, from0: string, to0: string): RollupRead {
  const exact = memo(read);
  const wide = memo((userId: string, base: string) => read(userId, base, from0, to0));
  return async (userId, base, from, to) => {
    if (from < from0 || to > to0) return exact(userId, base, from, to);
    return (await wide(userId, base)).filter((r) => r.month >= from && r.month <= to);
  };
}

/** What one dashboard request reads, each read kept for the request (shared by every section that needs it). */
export function sharedReads(profile: { baseCurrency: string; timezone: string }, rollupWindow: { from: string; to: string }) {
  const getProfile = () => Promise.resolve(profile);
  const rollups = coveringRollups(rollupRange, rollupWindow.from, rollupWindow.to);
  const listAccounts = memo(accountsStore.listAccounts);
  const categories = memo(listCategories);
  const recurring = memo((userId: string) => recurringItems(userId));
  const budgetDeps: budgets.BudgetReadDeps = {
    budgets: { listBudgets: memo(budgetStore.listBudgets) },
    readCategories: categories,
    getProfile,
    rollupRange: rollups,
    dailyRange: memo(dailyRange),
    pendingDays: memo(budgetStore.pendingDays),
  };
  const goalDeps: goals.GoalReadDeps = { goals: { listGoals: memo(goalStore.listGoals), getGoal: goalStore.getGoal }, listAccounts, getProfile, rollupRange: rollups, listCategories: categories };
  const rates = memo(async (date: string) => (await latestRates('EUR', date, addDays(date, -7)))?.rates);
  const openAdvice = memo((userId: string) => advice.listAdvice(userId, 'open'));
  const forecastDeps: forecast.ForecastDeps = { getProfile, listAccounts, recurringItems: recurring, rollupRange: rollups, ratesPerEur: rates };
  const healthDeps: health.HealthDeps = {
    profile: getProfile,
    rollupRange: rollups,
    accounts: listAccounts,
    budgetStatuses: (userId, date) => budgets.budgetStatuses(userId, date, budgetDeps),
    goalStatuses: (userId, asOf) => goals.goalStatuses(userId, asOf, goalDeps, profile),
    recurringItems: recurring,
    openAdvice: async (userId) => (await openAdvice(userId)).items,
    rates,
    alertPreferences: alertStore.getPreferences,
    putAlertOnce: (userId, alert, now) => alertStore.putAlertOnce(userId, alert, now),
  };
  const rollupsOf = async (userId: string, base: string, months: string[]) => {
    const sorted = [...months].sort();
    const read = await rollups(userId, base, sorted[0] ?? '', sorted.at(-1) ?? '');
    return new Map(read.filter((r) => months.includes(r.month)).map((r) => [r.month, r]));
  };
  const analyticsDeps: analytics.AnalyticsReadDeps = { getProfile, listCategories: categories, getRollups: rollupsOf, rollupRange: rollups };
  return { listAccounts, openAdvice, budgetDeps, goalDeps, forecastDeps, healthDeps, analyticsDeps };
}

/** What every section is computed from. */
export interface SectionInput {
  userId: string;
  month: string;
  /** Today in the user's time zone. */
  today: string;
  now: Date;
  reads: ReturnType<typeof sharedReads>;
}

/** Each section: the use case of the route it stands for, over the request's shared reads. */
export const sectionsOf = {
  accounts: async ({ userId, reads }: SectionInput) => accountsPage(await reads.listAccounts(userId)),
  budgets: ({ userId, today, now, reads }: SectionInput) => budgets.budgetStatusReport(userId, today, now, reads.budgetDeps),
  goals: ({ userId, today, now, reads }: SectionInput) => goals.listGoals(userId, today, reads.goalDeps, now),
  alerts: ({ userId }: SectionInput) => alerts.listAlerts(userId, { unread: true, limit: ALERTS_PAGE.max }),
  advice: ({ userId, reads }: SectionInput) => reads.openAdvice(userId),
  forecast: ({ userId, now, reads }: SectionInput) => forecast.getForecast(userId, DASHBOARD_FORECAST_MONTHS, reads.forecastDeps, now),
  summary: ({ userId, month, now, reads }: SectionInput) => analytics.summary(userId, month, now, reads.analyticsDeps),
  trends: ({ userId, month, reads }: SectionInput) => analytics.trendSeries(userId, addMonths(month, -(DASHBOARD_TREND_MONTHS - 1)), month, reads.analyticsDeps),
  health: ({ userId, month, now, reads }: SectionInput) => health.healthReport(userId, month, now, reads.healthDeps),
};

export type Sections = typeof sectionsOf;
type SectionValues = { [K in Section]: Awaited<ReturnType<Sections[K]>> | null };

/** The dashboard's month: given, or the current month in the user's zone; never in the future, nor before the calendar allows a trend. */
export function dashboardMonth(month: string | undefined, currentMonth: string): string {
  const m = month ?? currentMonth;
  if (m > currentMonth) throw new ValidationError(`${m} is in the future (the current month is ${currentMonth}).`, [{ path: 'query.month', message: `must not be after the current month ${currentMonth}` }]);
  if (m < FIRST_DASHBOARD_MONTH) throw new ValidationError(`${m} is too early: the dashboard's trend needs the 12 months ending with it in the calendar.`, [{ path: 'query.month', message: `must be ${FIRST_DASHBOARD_MONTH} or later` }]);
  return m;
}

async function settle<K extends Section>(name: K, run: () => Promise<Awaited<ReturnType<Sections[K]>>>): Promise<{ name: K; value: Awaited<ReturnType<Sections[K]>> | null; error?: unknown }> {
  try {
    return { name, value: await run() };
  } catch (error) {
    // As the HTTP factory logs a whole request's failure: a domain error (e.g. unavailable) is expected, the rest a bug.
    if (error instanceof DomainError) logger.warn('Dashboard section refused', { section: name, kind: error.kind, detail: error.message });
    else logger.error('Dashboard section failed', { section: name, error: error instanceof Error ? error : String(error) });
    return { name, value: null, error };
  }
}

/**
 * `GET /dashboard`: the profile and every section of the home screen, computed side by side over shared reads. A
 * section that throws comes back null with its error in `failures` (the handler turns each into a problem document);
 * the profile (every section needs its zone and currency) and the month's validation fail the whole request.
 */
export async function dashboard(caller: Principal, month: string | undefined, now = new Date(), sections: Sections = sectionsOf) {
  const me = await getMe(caller, now);
  const today = budgets.todayIn(me.timezone, now);
  const m = dashboardMonth(month, today.slice(0, 7));
  const current = today.slice(0, 7);
  const reads = sharedReads(me, { from: addMonths(current, -SHARED_ROLLUP_MONTHS), to: current });
  const input: SectionInput = { userId: caller.userId, month: m, today, now, reads };
  const settled = await Promise.all(SECTIONS.map((name) => settle(name, () => sections[name](input) as Promise<never>)));
  const values = Object.fromEntries(settled.map((s) => [s.name, s.value])) as SectionValues;
  const failures = settled.filter((s) => 'error' in s).map((s) => ({ section: s.name, error: s.error }));
  return { month: m, me, ...values, failures };
}
