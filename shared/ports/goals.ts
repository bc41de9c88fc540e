import type * as Adapter from '../adapters/goals';
import type { GoalRecord } from '../domain/goals/goal';

/**
 * A user's savings goals, in domain terms: list, read, create (counted against the cap atomically), replace and
 * delete at a version. Implemented by shared/adapters/goals.ts (DynamoDB) and tests/support/memory/goals.ts.
 */
export interface GoalsPort {
  listGoals(userId: string): Promise<GoalRecord[]>;
  getGoal(userId: string, id: string): Promise<GoalRecord | undefined>;
  /** False when the id exists. @throws LimitExceededError at the cap. */
  createGoal(userId: string, goal: GoalRecord): Promise<boolean>;
  /** False when the goal is gone or at another version. */
  replaceGoal(userId: string, goal: GoalRecord, expectedVersion: number): Promise<boolean>;
  /** False when the goal is gone or at another version. */
  deleteGoal(userId: string, id: string, expectedVersion: number): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const goalsAdapterImplementsPort: typeof Adapter extends GoalsPort ? true : never = true;
