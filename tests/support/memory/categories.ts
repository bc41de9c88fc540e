import type { CategoryRecord } from '../../../shared/adapters/categories';
import type * as Adapter from '../../../shared/adapters/categories';

/**
 * In-memory categories with the DynamoDB adapter's observable behaviour: version-conditional writes, seeding once,
 * and the transactions that use a category (set `memory.usedBy`). `vi.mock('…/shared/adapters/categories', () => import('…/memory/categories'))`.
 */
export const memory = {
  categories: new Map<string, CategoryRecord>(),
  seeded: new Map<string, string>(),
  /** categoryId → ids of transactions whose primary category it is. */
  usedBy: new Map<string, string[]>(),
  reset(userId = 'u1', records: CategoryRecord[] = [], seeded = true): void {
    this.categories = new Map(records.map((c) => [`${userId}/${c.id}`, structuredClone(c)]));
    this.seeded = new Map(seeded ? [[userId, '2024-01-01T00:00:00.000Z']] : []);
    this.usedBy = new Map();
  },
};

const mine = (userId: string) => [...memory.categories.entries()].filter(([k]) => k.startsWith(`${userId}/`)).map(([, c]) => structuredClone(c));

export async function listCategories(userId: string): Promise<CategoryRecord[]> {
  return mine(userId);
}

export async function getCategory(userId: string, id: string): Promise<CategoryRecord | undefined> {
  const c = memory.categories.get(`${userId}/${id}`);
  return c && structuredClone(c);
}

export async function existingCategoryIds(userId: string, ids: string[]): Promise<Set<string>> {
  return new Set(ids.filter((id) => memory.categories.has(`${userId}/${id}`)));
}

export async function putCategories(userId: string, categories: CategoryRecord[]): Promise<void> {
  for (const c of categories) if (!memory.categories.has(`${userId}/${c.id}`)) memory.categories.set(`${userId}/${c.id}`, structuredClone(c));
}

export async function createCategory(userId: string, c: CategoryRecord): Promise<boolean> {
  if (memory.categories.has(`${userId}/${c.id}`)) return false;
  memory.categories.set(`${userId}/${c.id}`, structuredClone(c));
  return true;
}

export async function updateCategory(userId: string, id: string, changes: { name?: string; parentId?: string | null }, now: string, expected: number): Promise<CategoryRecord | undefined> {
  const c = memory.categories.get(`${userId}/${id}`);
  if (!c || c.version !== expected) return undefined;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next = { ...c, ...defined, version: c.version + 1, updatedAt: now };
  memory.categories.set(`${userId}/${id}`, next);
  return structuredClone(next);
}

export async function deleteCategory(userId: string, id: string, expected: number): Promise<boolean> {
  const c = memory.categories.get(`${userId}/${id}`);
  if (!c || c.version !== expected) return false;
  return memory.categories.delete(`${userId}/${id}`);
}

export async function transactionIdsInCategory(_userId: string, categoryId: string, limit: number): Promise<string[]> {
  return (memory.usedBy.get(categoryId) ?? []).slice(0, limit);
}

export async function transactionIdsWithSplitIn(): Promise<string[]> {
  return [];
}

export async function categoriesSeededAt(userId: string): Promise<string | undefined> {
  return memory.seeded.get(userId);
}

export async function markCategoriesSeeded(userId: string, at: string): Promise<void> {
  memory.seeded.set(userId, at);
}

/** Compile-time proof that the in-memory categories match the adapter's signatures. */
export const categoriesMemoryMatchesAdapter: typeof Adapter = {
  listCategories, existingCategoryIds, getCategory, putCategories, createCategory, updateCategory, deleteCategory, transactionIdsInCategory, transactionIdsWithSplitIn, categoriesSeededAt, markCategoriesSeeded,
};
