import type { BudgetRecord } from '../../../shared/adapters/budgets';
import type * as Adapter from '../../../shared/adapters/budgets';
import { LimitExceededError } from '../../../shared/domain/errors';
import { limitOf } from '../../../shared/domain/limits';

/** In-memory budgets with version-conditional writes and the cap. `vi.mock('…/shared/adapters/budgets', () => import('…/memory/budgets'))`. */
export const memory = {
  budgets: new Map<string, BudgetRecord>(),
  reset(userId = 'u1', records: BudgetRecord[] = []): void {
    this.budgets = new Map(records.map((b) => [`${userId}/${b.id}`, structuredClone(b)]));
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

/** Compile-time proof that the in-memory budgets match the adapter's signatures. */
export const budgetsMemoryMatchesAdapter: typeof Adapter = { listBudgets, getBudget, putBudget, deleteBudget };
