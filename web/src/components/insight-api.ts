import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { operations } from '../api/schema';
import { thisMonth } from '../lib/format';

/** The JSON body of an operation's 200 answer. */
type Ok<K extends keyof operations> = operations[K]['responses'] extends { 200: { content: { 'application/json': infer B } } } ? B : never;

export type Summary = Ok<'analytics-summary'>;
export type Trends = Ok<'analytics-trends'>;
export type BudgetStatusList = Ok<'budgets-status'>;
export type BudgetStatus = BudgetStatusList['items'][number];
export type GoalList = Ok<'goals-list'>;
export type Goal = GoalList['items'][number];
export type AlertPage = Ok<'alerts-list'>;
export type Alert = AlertPage['items'][number];
export type AlertPreferences = Ok<'alerts-get-preferences'>;
export type AdviceList = Ok<'advice-list'>;
export type Advice = AdviceList['items'][number];
export type HealthReport = Ok<'reports-health'>;

/** A sum the API sends exactly: a number, or a string of digits past 2^53. */
export type Exact = number | string;

/** Money cell of the monthly report (base minor units). */
export interface ReportFlows {
  income: Exact;
  expenses: Exact;
  net: Exact;
}

/**
 * GET /reports/monthly?format=json. The route declares no response schema (it also answers HTML), so the shape is
 * written here from shared/contracts/reports.ts `ReportContent`.
 */
export interface MonthlyReport {
  kind: 'weekly' | 'monthly';
  period: { from: string; to: string; label: string };
  baseCurrency: string;
  name: string | null;
  totals: ReportFlows;
  previous: ReportFlows & { label: string };
  change: ReportFlows;
  topCategories: { name: string; amount: Exact; share: number }[];
  budgets: { name: string; spent: Exact; available: Exact; percentUsed: number | null; status: string }[];
  goals: { name: string; saved: Exact; targetAmount: Exact; currency: string; percent: number; status: string }[];
  alerts: { title: string; message: string; severity: string; createdAt: string }[];
  advice: { title: string; message: string }[];
  health: { score: number | null; change: number | null } | null;
}

/** Minor units as a number for display (exact within ±2^53; the strings beyond are far past any real ledger). */
export function minorOf(x: Exact): number {
  return typeof x === 'number' ? x : Number(x);
}

/** The month `offset` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
}

export const insightKeys = {
  summary: (month: string) => ['analytics', 'summary', month] as const,
  trends: (from: string, to: string) => ['analytics', 'trends', from, to] as const,
  budgetStatus: ['budgets', 'status'] as const,
  goals: ['goals', 'list'] as const,
  alerts: ['alerts'] as const,
  unread: ['alerts', 'unread'] as const,
  preferences: ['alerts', 'preferences'] as const,
  advice: (status: string) => ['advice', status] as const,
  health: (month: string) => ['reports', 'health', month] as const,
  monthly: (month: string) => ['reports', 'monthly', month] as const,
};

export function useSummary(month = thisMonth()) {
  return useQuery({ queryKey: insightKeys.summary(month), queryFn: () => ok(api.GET('/analytics/summary', { params: { query: { month } } })) });
}

/** The 12 months ending with `month`. */
export function useTrends(month = thisMonth()) {
  const from = shiftMonth(month, -11);
  return useQuery({ queryKey: insightKeys.trends(from, month), queryFn: () => ok(api.GET('/analytics/trends', { params: { query: { from, to: month } } })) });
}

export function useBudgetStatus() {
  return useQuery({ queryKey: insightKeys.budgetStatus, queryFn: () => ok(api.GET('/budgets/status')) });
}

export function useGoals() {
  return useQuery({ queryKey: insightKeys.goals, queryFn: () => ok(api.GET('/goals')) });
}

/** Unread alerts (the first page of 100: more than that shows as "100+"), refreshed while the screen is open. */
export function useUnreadAlerts() {
  return useQuery({
    queryKey: insightKeys.unread,
    queryFn: () => ok(api.GET('/alerts', { params: { query: { unread: 'true', limit: 100 } } })),
    // The alerts consumer runs behind the writes: look again now and then.
    refetchInterval: 20_000,
  });
}

export function useAdvice(status: 'open' | 'dismissed' | 'applied' | 'all' = 'open') {
  return useQuery({ queryKey: insightKeys.advice(status), queryFn: () => ok(api.GET('/advice', { params: { query: { status } } })) });
}

export function useHealth(month = thisMonth()) {
  return useQuery({ queryKey: insightKeys.health(month), queryFn: () => ok(api.GET('/reports/health', { params: { query: { month } } })) });
}

export function useMonthlyReport(month: string, enabled: boolean) {
  return useQuery({
    queryKey: insightKeys.monthly(month),
    queryFn: async () => (await ok(api.GET('/reports/monthly', { params: { query: { month, format: 'json' } } }))) as unknown as MonthlyReport,
    enabled,
  });
}
