import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '../../../shared/adapters/accounts';
import type { CategoryRecord } from '../../../shared/adapters/categories';
import type { RuleRecord } from '../../../shared/adapters/rules';

// Accounts and categories over in-memory ports: the version checks and the reference checks, no emulator.
vi.mock('../../../shared/adapters/accounts', () => import('../../support/memory/accounts'));
vi.mock('../../../shared/adapters/categories', () => import('../../support/memory/categories'));
vi.mock('../../../shared/adapters/rules', () => import('../../support/memory/rules'));
vi.mock('../../../shared/adapters/budgets', () => import('../../support/memory/budgets'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/goals', () => import('../../support/memory/goals'));

import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../../shared/domain/errors';
import { deleteAccount, updateAccount } from '../../../shared/use-cases/accounts';
import { createCategory, deleteCategory } from '../../../shared/use-cases/categories';
import { memory as accounts } from '../../support/memory/accounts';
import { memory as categories } from '../../support/memory/categories';
import { memory as rules } from '../../support/memory/rules';

const at = '2024-01-01T00:00:00.000Z';
const account = (over: Partial<AccountRecord> = {}): AccountRecord => ({
  id: 'acc1', name: 'Main', type: 'checking', currency: 'EUR', openingBalance: 0, balances: {}, txCount: 0, archived: false, version: 1, createdAt: at, updatedAt: at, ...over,
});
const category = (id: string, over: Partial<CategoryRecord> = {}): CategoryRecord => ({ id, name: id, kind: 'expense', parentId: null, version: 1, createdAt: at, updatedAt: at, ...over });
const rule = (id: string, categoryId: string): RuleRecord => ({
  id, name: `rule ${id}`, priority: 1, enabled: true, conditions: { descriptionContains: 'x' }, actions: { categoryId }, version: 1, createdAt: at, updatedAt: at,
});

beforeEach(() => {
  accounts.reset();
  categories.reset();
  rules.reset();
});

describe('accounts use cases', () => {
  it('updates at the current version and refuses a stale one with 412, a missing account with 404', async () => {
    accounts.reset('u1', [account()]);
    const updated = await updateAccount('u1', 'acc1', { name: 'Renamed' }, 1);
    expect(updated).toMatchObject({ name: 'Renamed', version: 2 });
    await expect(updateAccount('u1', 'acc1', { name: 'Again' }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(updateAccount('u1', 'nope', { name: 'x' }, 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete an account that has transactions', async () => {
    accounts.reset('u1', [account({ txCount: 2 })]);
    await expect(deleteAccount('u1', 'acc1', 1)).rejects.toBeInstanceOf(ConflictError);
    expect(accounts.accounts.size).toBe(1);
  });
});

describe('categories use cases', () => {
  it('refuses a parent of another kind', async () => {
    categories.reset('u1', [category('salary', { kind: 'income' })]);
    await expect(createCategory('u1', { name: 'Food', kind: 'expense', parentId: 'salary' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses to delete a category a rule sets, naming the rule; with reassignTo it moves the rule', async () => {
    categories.reset('u1', [category('food'), category('groceries')]);
    rules.reset('u1', [rule('r1', 'food')]);
    const refused = await deleteCategory('u1', 'food', undefined, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toContain('rule r1');
    await deleteCategory('u1', 'food', 'groceries', 1);
    expect(rules.rules.get('u1/r1')).toMatchObject({ actions: { categoryId: 'groceries' }, version: 2 });
    expect(categories.categories.has('u1/food')).toBe(false);
  });
});
