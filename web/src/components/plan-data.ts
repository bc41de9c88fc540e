import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ApiError, type Problem } from '../api/problem';
import { minorDigits, today } from '../lib/format';

/** Accounts with balances; shared by the accounts, rules and goals screens through the query cache. */
export function useAccounts() {
  return useQuery({ queryKey: ['accounts'], queryFn: () => ok(api.GET('/accounts')) });
}

/** Categories (two levels); shared by the categories, rules and budgets screens. */
export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: () => ok(api.GET('/categories')) });
}

export function useBudgets() {
  return useQuery({ queryKey: ['budgets'], queryFn: () => ok(api.GET('/budgets')) });
}

/** Today's rates for the base currency (units of each currency per 1 base); a 404 means none published lately. */
export function useBaseRates(base: string | undefined) {
  const date = today();
  return useQuery({
    queryKey: ['fx', base, date],
    enabled: Boolean(base),
    queryFn: () => ok(api.GET('/fx/rates', { params: { query: { date, base: base ?? 'EUR' } } })),
    staleTime: 300_000,
  });
}

/** An ExactSum (a number, or a string of digits past 2^53) as a number of minor units for display. */
export function sumToMinor(sum: number | string): number {
  return typeof sum === 'number' ? sum : Number(sum);
}

/**
 * An amount in minor units of `currency` converted to minor units of `base` at `rate` (units of `currency` per 1
 * `base`, a decimal string), in integers (BigInt), rounded half away from zero; undefined without a usable rate.
 */
export function toBaseMinor(minor: number | string, currency: string, base: string, rate: string | undefined): number | undefined {
  if (currency === base) return sumToMinor(minor);
  const m = rate ? /^(\d+)(?:\.(\d+))?$/.exec(rate) : null;
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const rateUnits = BigInt(m[1] + frac);
  if (rateUnits === 0n) return undefined;
  const num = BigInt(String(minor)) * 10n ** BigInt(frac.length + minorDigits(base));
  const den = rateUnits * 10n ** BigInt(minorDigits(currency));
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return Number(negative ? -q : q);
}

/** The extension members the API documents on its problem documents (the `Problem` schema). */
type ProblemMembers = Pick<Problem, 'limit' | 'max' | 'goals' | 'inUse' | 'ruleIds' | 'budgetIds' | 'accountId' | 'runningImportId' | 'currentVersion'>;

/** An extension member of a problem document (e.g. `goals` of a 409), when the error carries one. */
export function problemMember<K extends keyof ProblemMembers>(error: unknown, key: K): ProblemMembers[K] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem[key];
}

export const isStale = (error: unknown) => error instanceof ApiError && error.status === 412;

export type Account = NonNullable<ReturnType<typeof useAccounts>['data']>['items'][number];
export type Category = NonNullable<ReturnType<typeof useCategories>['data']>['items'][number];
export type Budget = NonNullable<ReturnType<typeof useBudgets>['data']>['items'][number];

/** Categories by id, and a label with the parent's name ("Food › Groceries"). */
export function categoryLabels(items: Category[] | undefined): Map<string, string> {
  const byId = new Map((items ?? []).map((c) => [c.id, c]));
  const out = new Map<string, string>();
  for (const c of byId.values()) {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    out.set(c.id, parent ? `${parent.name} › ${c.name}` : c.name);
  }
  return out;
}

/** Categories ordered as a tree: each parent followed by its children, by name. */
export function categoryTree(items: Category[]): { parent: Category; children: Category[] }[] {
  const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);
  const ids = new Set(items.map((c) => c.id));
  const roots = items.filter((c) => !c.parentId || !ids.has(c.parentId)).sort(byName);
  return roots.map((parent) => ({ parent, children: items.filter((c) => c.parentId === parent.id).sort(byName) }));
}
