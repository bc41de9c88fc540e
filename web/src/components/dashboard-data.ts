import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { operations } from '../api/schema';
import { insightKeys, shiftMonth } from './insight-api';

/** GET /dashboard: every section of the home screen in one answer (a failed section null, its problem in `problems`). */
export type Dashboard = operations['dashboard-get']['responses'][200]['content']['application/json'];
export type DashboardSection = Dashboard['problems'][number]['section'];

export const dashboardKey = ['dashboard'] as const;

/**
 * Puts each section where the query of its own route looks for it (the same body under the same key), so the pages
 * that show it open without a request while it is fresh. A failed section is left out: its page asks its route.
 */
export function seedSections(client: QueryClient, d: Dashboard): void {
  const seed = (key: readonly unknown[], value: unknown) => {
    if (value !== null) client.setQueryData(key, value);
  };
  seed(['me'], d.me);
  seed(['accounts'], d.accounts);
  seed(insightKeys.summary(d.month), d.summary);
  seed(insightKeys.trends(shiftMonth(d.month, -11), d.month), d.trends);
  seed(insightKeys.budgetStatus, d.budgets);
  seed(insightKeys.goals, d.goals);
  seed(insightKeys.unread, d.alerts);
  seed(insightKeys.advice('open'), d.advice);
  seed(insightKeys.health(d.month), d.health);
}

/**
 * The home screen's one request (the current month in the user's time zone), asked again each time the screen opens
 * so it never shows figures a change elsewhere has made stale; its sections seed the other pages' queries.
 */
export function useDashboard() {
  const client = useQueryClient();
  return useQuery({
    queryKey: dashboardKey,
    queryFn: async () => {
      const d = await ok(api.GET('/dashboard'));
      seedSections(client, d);
      return d;
    },
    staleTime: 0,
  });
}

/** A section as a query's three states: pending with the request, the request's or the section's problem, or its data. */
export function sectionState<K extends DashboardSection>(q: { isPending: boolean; error: unknown; data: Dashboard | undefined }, section: K) {
  const data = q.data?.[section] ?? undefined;
  const problem = q.data?.problems.find((p) => p.section === section);
  const error = q.error ?? (problem ? new ApiError(problem.status, problem) : data === undefined && q.data ? new Error('Missing from the answer.') : null);
  return { isPending: q.isPending, error, data: data as NonNullable<Dashboard[K]> | undefined };
}
