import type * as Adapter from '../adapters/budgets';
import type { BudgetRecord } from '../adapters/budgets';

/**
 * A user's budgets: listed, read, written conditionally on their version (a create counted against the cap in the
 * same write). Implemented by shared/adapters/budgets.ts (DynamoDB) and tests/support/memory/budgets.ts.
 */
export interface BudgetsPort {
  listBudgets(userId: string): Promise<BudgetRecord[]>;
  getBudget(userId: string, id: string): Promise<BudgetRecord | undefined>;
  /** New when `expectedVersion` is undefined; false when the condition failed. */
  putBudget(userId: string, budget: BudgetRecord, expectedVersion?: number): Promise<boolean>;
  deleteBudget(userId: string, id: string, expectedVersion: number): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const budgetsAdapterImplementsPort: typeof Adapter extends BudgetsPort ? true : never = true;
