import type * as Adapter from '../../../shared/adapters/goals';
import { LimitExceededError } from '../../../shared/domain/errors';
import type { GoalRecord } from '../../../shared/domain/goals/goal';
import { limitOf } from '../../../shared/domain/limits';
import type { GoalsPort } from '../../../shared/ports/goals';

/**
 * In-memory goals with the DynamoDB adapter's observable behaviour: the cap on create, version-conditional replace
 * and delete. `vi.mock('…/shared/adapters/goals', () => import('…/memory/goals'))`.
 */
export const memory = {
  goals: new Map<string, GoalRecord>(),
  reset(userId = 'u1', records: GoalRecord[] = []): void {
    this.goals = new Map(records.map((g) => [`${userId}/${g.id}`, structuredClone(g)]));
  },
};

const of = (userId: string) => [...memory.goals.entries()].filter(([k]) => k.startsWith(`${userId}/`)).map(([, g]) => structuredClone(g));

export async function listGoals(userId: string): Promise<GoalRecord[]> {
  return of(userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function getGoal(userId: string, id: string): Promise<GoalRecord | undefined> {
  const g = memory.goals.get(`${userId}/${id}`);
  return g && structuredClone(g);
}

export async function createGoal(userId: string, goal: GoalRecord): Promise<boolean> {
  if (memory.goals.has(`${userId}/${goal.id}`)) return false;
  if (of(userId).length >= limitOf('goals')) throw new LimitExceededError(`You have reached the limit of ${limitOf('goals')} goals; delete one before creating another.`, 'goals', limitOf('goals'));
  memory.goals.set(`${userId}/${goal.id}`, structuredClone(goal));
  return true;
}

export async function replaceGoal(userId: string, goal: GoalRecord, expectedVersion: number): Promise<boolean> {
  if (memory.goals.get(`${userId}/${goal.id}`)?.version !== expectedVersion) return false;
  memory.goals.set(`${userId}/${goal.id}`, structuredClone(goal));
  return true;
}

export async function deleteGoal(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  if (memory.goals.get(`${userId}/${id}`)?.version !== expectedVersion) return false;
  return memory.goals.delete(`${userId}/${id}`);
}

/** Compile-time proof that the in-memory goals implement the port and match the adapter. */
export const goalsMemoryImplementsPort: GoalsPort & typeof Adapter = { listGoals, getGoal, createGoal, replaceGoal, deleteGoal };
