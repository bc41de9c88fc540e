import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { defaultCategories } from '../domain/ledger/categories';
import * as store from '../adapters/categories';
import { newId } from '../adapters/ids';
import { getTransaction, transact, putTransaction, type TransactionRecord } from '../adapters/ledger';
import { listRules, putRule } from '../adapters/rules';
import { listBudgets, putBudget } from '../adapters/budgets';

/** Gives a user the default categories once (at sign-up, or lazily for accounts made before them). */
export async function ensureDefaultCategories(userId: string, now = new Date()): Promise<void> {
  if (await store.categoriesSeededAt(userId)) return;
  const at = now.toISOString();
  await store.putCategories(
    userId,
    defaultCategories().map((c) => ({ id: c.id, name: c.name, kind: c.kind, parentId: c.parentId ?? null, version: 1, createdAt: at, updatedAt: at })),
  );
  await store.markCategoriesSeeded(userId, at);
}

export function categoryView(c: store.CategoryRecord) {
  return { id: c.id, name: c.name, kind: c.kind, parentId: c.parentId, version: c.version, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

export async function listCategories(userId: string) {
  await ensureDefaultCategories(userId);
  const all = await store.listCategories(userId);
  return { items: all.sort((a, b) => a.kind.localeCompare(b.kind) || (a.parentId ?? a.id).localeCompare(b.parentId ?? b.id) || Number(a.parentId !== null) - Number(b.parentId !== null) || a.name.localeCompare(b.name)).map(categoryView) };
}

/** Categories have two levels: a parent must exist, be top-level, and be of the same kind. */
async function assertParent(userId: string, parentId: string, kind: string, selfId?: string): Promise<void> {
  if (parentId === selfId) throw new ValidationError('A category cannot be its own parent.', [{ path: 'body.parentId', message: 'is the category itself' }]);
  const parent = await store.getCategory(userId, parentId);
  if (!parent) throw new ValidationError(`No category ${parentId} to be the parent.`, [{ path: 'body.parentId', message: 'unknown category' }]);
  if (parent.parentId) throw new ValidationError('Categories have two levels: the parent must be a top-level category.', [{ path: 'body.parentId', message: 'is itself a child' }]);
  if (parent.kind !== kind) throw new ValidationError(`The parent is an ${parent.kind} category; this one is ${kind}.`, [{ path: 'body.parentId', message: 'kind differs' }]);
}

export async function createCategory(userId: string, input: { name: string; kind: 'income' | 'expense'; parentId?: string | null }, now = new Date()) {
  await ensureDefaultCategories(userId, now);
  if (input.parentId) await assertParent(userId, input.parentId, input.kind);
  const siblings = (await store.listCategories(userId)).filter((c) => (c.parentId ?? null) === (input.parentId ?? null) && c.kind === input.kind);
  if (siblings.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) throw new ConflictError(`A category named "${input.name}" already exists there.`);
  const at = now.toISOString();
  const c: store.CategoryRecord = { id: newId(now.getTime()), name: input.name, kind: input.kind, parentId: input.parentId ?? null, version: 1, createdAt: at, updatedAt: at };
  await store.createCategory(userId, c);
  return categoryView(c);
}

/** Why a write conditional on `expected` failed: the category is gone (404) or at another version (412). */
async function refusal(userId: string, id: string, expected: number): Promise<never> {
  const current = await store.getCategory(userId, id);
  if (!current) throw new NotFoundError(`No category ${id}.`);
  throw new PreconditionFailedError(`The category is at version ${current.version}, not ${expected}; read it again.`, current.version);
}

/** Renames or moves a category at the version the caller read (the update is conditional on it). */
export async function updateCategory(userId: string, id: string, changes: { name?: string; parentId?: string | null }, expected: number, now = new Date()) {
  const current = await store.getCategory(userId, id);
  if (!current) throw new NotFoundError(`No category ${id}.`);
  if (current.version !== expected) await refusal(userId, id, expected);
  if (changes.parentId) {
    await assertParent(userId, changes.parentId, current.kind, id);
    const children = (await store.listCategories(userId)).filter((c) => c.parentId === id);
    if (children.length) throw new ValidationError('This category has children, so it must stay top-level.', [{ path: 'body.parentId', message: 'has children' }]);
  }
  const updated = await store.updateCategory(userId, id, changes, now.toISOString(), expected);
  return updated ? categoryView(updated) : refusal(userId, id, expected);
}

/**
 * Deletes a category. When transactions use it (or its children), `reassignTo` says where they go; without it the
 * delete is refused with 409 naming how many use it.
 */
export async function deleteCategory(userId: string, id: string, reassignTo: string | undefined, expected: number, now = new Date()): Promise<void> {
  const current = await store.getCategory(userId, id);
  if (!current) throw new NotFoundError(`No category ${id}.`);
  if (current.version !== expected) await refusal(userId, id, expected);
  const children = (await store.listCategories(userId)).filter((c) => c.parentId === id);
  if (children.length) throw new ConflictError(`This category has ${children.length} sub-categories; delete or move them first.`);
  if (reassignTo !== undefined) {
    if (reassignTo === id) throw new ValidationError('reassignTo must be another category.', [{ path: 'query.reassignTo', message: 'same category' }]);
    const target = await store.getCategory(userId, reassignTo);
    if (!target) throw new ValidationError(`No category ${reassignTo}.`, [{ path: 'query.reassignTo', message: 'unknown category' }]);
  }
  const primary = await store.transactionIdsInCategory(userId, id, reassignTo ? 10_000 : 1);
  const split = await store.transactionIdsWithSplitIn(userId, id);
  const used = new Set([...primary, ...split]);
  if (used.size > 0 && reassignTo === undefined) {
    throw new ConflictError('Transactions use this category; repeat with ?reassignTo=<categoryId> to move them there.', { inUse: true });
  }
  // A rule that sets this category would otherwise name a category that no longer exists on every match.
  const rules = (await listRules(userId)).filter((r) => r.actions.categoryId === id);
  if (rules.length > 0 && reassignTo === undefined) {
    throw new ConflictError(`Rules set this category (${rules.map((r) => r.name).join(', ')}); repeat with ?reassignTo=<categoryId> to move them there, or change the rules first.`, { inUse: true, ruleIds: rules.map((r) => r.id) });
  }
  // A budget on this category would otherwise limit a category that no longer exists.
  const budgets = (await listBudgets(userId)).filter((b) => b.categoryId === id);
  if (budgets.length > 0 && reassignTo === undefined) {
    throw new ConflictError(`Budgets limit this category (${budgets.map((b) => b.name).join(', ')}); repeat with ?reassignTo=<categoryId> to move them there, or change the budgets first.`, { inUse: true, budgetIds: budgets.map((b) => b.id) });
  }
  const at = now.toISOString();
  for (const budget of budgets) {
    const moved = { ...budget, categoryId: reassignTo ?? budget.categoryId, version: budget.version + 1, updatedAt: at };
    if (!(await putBudget(userId, moved, budget.version))) throw new ConflictError('A budget on this category changed meanwhile; repeat the request.');
  }
  for (const rule of rules) {
    const moved = { ...rule, actions: { ...rule.actions, categoryId: reassignTo ?? rule.actions.categoryId }, version: rule.version + 1, updatedAt: at };
    if (!(await putRule(userId, moved, rule.version))) throw new ConflictError('A rule that sets this category changed meanwhile; repeat the request.');
  }
  for (const txId of used) {
    const t = await getTransaction(userId, txId);
    if (!t) continue;
    const next: TransactionRecord = {
      ...t,
      categoryId: t.categoryId === id ? (reassignTo ?? null) : t.categoryId,
      splits: t.splits?.map((s) => (s.categoryId === id ? { ...s, categoryId: reassignTo ?? s.categoryId } : s)) ?? null,
      version: t.version + 1,
      updatedAt: at,
    };
    await transact([putTransaction(next, { version: t.version })]);
  }
  if (reassignTo !== undefined && primary.length === 10_000) {
    // More remained than one request moves: move the rest on the next call.
    throw new ConflictError('Some transactions were moved; repeat the request to move the rest.');
  }
  if (!(await store.deleteCategory(userId, id, expected))) await refusal(userId, id, expected);
}
