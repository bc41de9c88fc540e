import type * as Adapter from '../adapters/category-model';
import type { CategoryModel } from '../domain/categorise';

/** The learned categoriser as stored: the model and its revision (0 when none is stored yet). */
export interface StoredCategoryModel {
  model: CategoryModel;
  rev: number;
}

/**
 * What one transaction taught the categoriser: the label and features it added at its `version` (null label: it
 * teaches nothing now, e.g. deleted, uncategorised or categorised by a rule or the model).
 */
export interface Contribution {
  version: number;
  categoryId: string | null;
  features: string[];
  deleted: boolean;
}

/**
 * The per-user categoriser's storage, in domain terms. Implemented by shared/adapters/category-model.ts (DynamoDB)
 * and tests/support/memory/category-model.ts.
 */
export interface CategoryModelPort {
  /** The stored model, or undefined when the user has none yet (one read). */
  getCategoryModel(userId: string): Promise<StoredCategoryModel | undefined>;
  /** The contributions recorded for these transactions (absent ones are not in the map). */
  getContributions(userId: string, transactionIds: string[]): Promise<Map<string, Contribution>>;
  /**
   * Stores the model at revision `expectedRev + 1` together with the contributions, all or nothing: 'conflict' when
   * the model is no longer at `expectedRev` (another writer won; read again), 'erased' when the account is erased.
   */
  saveLearning(userId: string, model: CategoryModel, expectedRev: number, contributions: Map<string, Contribution>, now: Date): Promise<'saved' | 'conflict' | 'erased'>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const categoryModelAdapterImplementsPort: typeof Adapter extends CategoryModelPort ? true : never = true;
