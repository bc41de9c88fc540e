import type { BudgetRecord } from '../../../shared/adapters/budgets';
import type * as Adapter from '../../../shared/adapters/budgets';
import type { StoredFields } from '../../../shared/domain/analytics/fields';
import { LimitExceededError } from '../../../shared/domain/errors';
import { limitOf } from '../../../shared/domain/limits';

/** In-memory budgets with version-conditional writes and the cap. `vi.mock('…/shared/adapters/budgets', () => import('…/memory/budgets'))`. */
export const memory = {
  budgets: new Map<string, BudgetRecord>(),
  /** `userId/base/day` → daily rollup fields, for {@link pendingDays}. */
  daily: new Map<string, StoredFields>(),
  reset(userId = 'u1', records: BudgetRecord[] = []): void {
    this.budgets = new Map(records.map((b) => [`${userId}/${b.id}`, structuredClone(b)]));
    this.daily = new Map();
  },
};

const mine = (userId: string) => [...memory.budgets.entries()].filter(([k]) => k.startsWith(`${userId}/`)).map(([, b]) => structuredClone(b));

export async function listBudgets(userId: string): Promise<BudgetRecord[]> {
  return mine(userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function getBudget(userId: string, id: string): Promise<BudgetRecord | undefined> {
  const b = memory.budgets.get(`${userId}/${id}`);
  return b && structuredClone(b);
}

export async function putBudget(userId: string, budget: BudgetRecord, expectedVersion?: number): Promise<boolean> {
  const current = memory.budgets.get(`${userId}/${budget.id}`);
  if (expectedVersion === undefined ? current !== undefined : current?.version !== expectedVersion) return false;
  if (expectedVersion === undefined && mine(userId).length >= limitOf('budgets')) throw new LimitExceededError(`You have reached the limit of ${limitOf('budgets')} budgets.`, 'budgets', limitOf('budgets'));
  memory.budgets.set(`${userId}/${budget.id}`, structuredClone(budget));
  return true;
}

export async function deleteBudget(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  if (memory.budgets.get(`${userId}/${id}`)?.version !== expectedVersion) return false;
  return memory.budgets.delete(`${userId}/${id}`);
}

export async function pendingDays(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]> {
  const prefix = `${userId}/${base}/`;
  return [...memory.daily]
    .filter(([k, f]) => k.startsWith(prefix) && k.slice(prefix.length) >= fromDay && k.slice(prefix.length) <= toDay && Number(f.pn ?? 0) !== 0)
    .map(([k, fields]) => ({ day: k.slice(prefix.length), fields }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Compile-time proof that the in-memory budgets match the adapter's signatures. */
export const budgetsMemoryMatchesAdapter: typeof Adapter = { listBudgets, getBudget, putBudget, deleteBudget, pendingDays };
