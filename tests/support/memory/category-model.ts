import type { CategoryModel } from '../../../shared/domain/categorise';
import type { Contribution, StoredCategoryModel } from '../../../shared/ports/category-model';

/**
 * In-memory categoriser storage with the DynamoDB adapter's observable behaviour: the model stored as JSON at a
 * revision, contributions written all or nothing with it, a conflict when the revision moved, erased users refused.
 * `vi.mock('…/shared/adapters/category-model', () => import('…/memory/category-model'))`.
 */
export const memory = {
  models: new Map<string, { json: string; rev: number }>(),
  contributions: new Map<string, Contribution>(),
  erased: new Set<string>(),
  saves: 0,
  /** Users whose writes throw (a failure of one user's group). */
  failing: new Set<string>(),
  reset(): void {
    this.failing = new Set();
    this.models = new Map();
    this.contributions = new Map();
    this.erased = new Set();
    this.saves = 0;
  },
};

export async function getCategoryModel(userId: string): Promise<StoredCategoryModel | undefined> {
  const m = memory.models.get(userId);
  return m && { model: JSON.parse(m.json) as CategoryModel, rev: m.rev };
}

export async function getContributions(userId: string, transactionIds: string[]): Promise<Map<string, Contribution>> {
  const out = new Map<string, Contribution>();
  for (const id of transactionIds) {
    const c = memory.contributions.get(`${userId}/${id}`);
    if (c) out.set(id, structuredClone(c));
  }
  return out;
}

export async function saveLearning(userId: string, model: CategoryModel, expectedRev: number, contributions: Map<string, Contribution>): Promise<'saved' | 'conflict' | 'erased'> {
  if (memory.failing.has(userId)) throw new Error(`the categoriser write of ${userId} failed`);
  if (memory.erased.has(userId)) return 'erased';
  if ((memory.models.get(userId)?.rev ?? 0) !== expectedRev) return 'conflict';
  memory.models.set(userId, { json: JSON.stringify(model), rev: expectedRev + 1 });
  for (const [id, c] of contributions) memory.contributions.set(`${userId}/${id}`, structuredClone(c));
  memory.saves++;
  return 'saved';
}

